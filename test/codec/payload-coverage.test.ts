import { WorkflowFailedError, type Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { type TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { ENCRYPTED_ENCODING, FAILURE_CONVERTER_PATH, KEY_ID_METADATA } from '../../codec';
import { EmployeeIdKey } from '../../workflows/contract';
import { createDevServerEnv } from '../helpers/temporal-env';
import { testCodec } from '../helpers/test-codec';
import { coverageWorkflow, noteSignal, renameUpdate, whoQuery } from './fixtures/coverage-workflow';

/**
 * Which payloads the codec really encrypts, on a real dev server: the SDK passes each payload's
 * serialization context (the workflow id) to the codec, so every payload of an employee's
 * workflow ends up under that employee's key; the raw history, the description and the raw query
 * answers, read without the codec, never show the secret.
 */

const SECRET = 'Ada-Qx7-Lovelace';
const WORKFLOW_ID = 'employee-COV-1';
const TASK_QUEUE = 'payload-coverage';

interface Found {
  path: string;
  encoding: string;
  keyId?: string;
}

/** Every Payload in a proto object (anything with `metadata` and `data`), with where it is. */
function payloadsIn(value: unknown, path = '', out: Found[] = []): Found[] {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return out;
  const record = value as Record<string, unknown>;
  if (record.metadata && typeof record.metadata === 'object' && 'data' in record) {
    const metadata = record.metadata as Record<string, Uint8Array>;
    const text = (key: string) => (metadata[key] ? Buffer.from(metadata[key]).toString() : undefined);
    out.push({
      path,
      encoding: text('encoding') ?? '',
      ...(text(KEY_ID_METADATA) ? { keyId: text(KEY_ID_METADATA)! } : {}),
    });
    return out;
  }
  for (const [key, child] of Object.entries(record)) payloadsIn(child, path ? `${path}.${key}` : key, out);
  return out;
}

const containsSecret = (message: Uint8Array) => Buffer.from(message).includes(SECRET);

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let client: Client;

beforeAll(async () => {
  const codec = await testCodec();
  env = await createDevServerEnv();
  client = env.client;
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: TASK_QUEUE,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: require.resolve('./fixtures/coverage-workflow'),
      failureConverterPath: FAILURE_CONVERTER_PATH,
      logger: new DefaultLogger('WARN'),
    }),
    dataConverter: codec.dataConverter,
    activities: {
      echo: async (value: string) => `echo ${value}`,
      failWith: async (message: string) => {
        throw new Error(message);
      },
    },
  });
  running = worker.run();
}, 120_000);

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
});

describe('what the codec encrypts', () => {
  it('every payload of an employee workflow, in history, memo, summary, queries and failures, is under its key', async () => {
    const handle = await client.workflow.start(coverageWorkflow, {
      taskQueue: TASK_QUEUE,
      workflowId: WORKFLOW_ID,
      args: [{ secret: SECRET, round: 1 }],
      memo: { startedFor: SECRET },
      staticSummary: `${SECRET} (summary)`,
      staticDetails: `${SECRET} (details)`,
      typedSearchAttributes: [{ key: EmployeeIdKey, value: 'COV-1' }],
    });
    expect(await handle.executeUpdate(renameUpdate, { args: [`${SECRET} renamed`] })).toBe(
      `renamed to ${SECRET} renamed`,
    );
    await handle.signal(noteSignal, `${SECRET} note`);
    // The second run: its input came through continue-as-new.
    const second = client.workflow.getHandle(WORKFLOW_ID);
    await waitFor(async () => (await second.describe()).runId !== handle.firstExecutionRunId);
    expect(await second.query(whoQuery)).toBe(SECRET);
    const rawQuery = await client.workflowService.queryWorkflow({
      namespace: 'default',
      execution: { workflowId: WORKFLOW_ID },
      query: { queryType: 'who' },
    });
    const rawDetails = await client.workflowService.queryWorkflow({
      namespace: 'default',
      execution: { workflowId: WORKFLOW_ID, runId: handle.firstExecutionRunId },
      query: { queryType: '__temporal_workflow_metadata' },
    });
    await second.signal(noteSignal, 'finish');
    const failure = await second.result().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    // Decoded through the codec, the failure message is whole again.
    expect((failure as WorkflowFailedError).cause?.message).toBe(`workflow failed for ${SECRET}`);

    const raw: { what: string; message: Uint8Array; payloads: Found[] }[] = [];
    for (const runId of [handle.firstExecutionRunId, (await second.describe()).runId]) {
      const history = await client.workflowService.getWorkflowExecutionHistory({
        namespace: 'default',
        execution: { workflowId: WORKFLOW_ID, runId },
      });
      for (const event of history.history!.events!) {
        const what = `run ${runId === handle.firstExecutionRunId ? 1 : 2} ${temporal.api.enums.v1.EventType[event.eventType!]}`;
        raw.push({
          what,
          message: temporal.api.history.v1.HistoryEvent.encode(event).finish(),
          payloads: payloadsIn(event),
        });
      }
      const described = await client.workflowService.describeWorkflowExecution({
        namespace: 'default',
        execution: { workflowId: WORKFLOW_ID, runId },
      });
      raw.push({
        what: `describe run ${runId === handle.firstExecutionRunId ? 1 : 2}`,
        message: temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse.encode(described).finish(),
        payloads: payloadsIn(described),
      });
    }
    const listed = await client.workflowService.listWorkflowExecutions({
      namespace: 'default',
      query: `WorkflowId = "${WORKFLOW_ID}"`,
    });
    raw.push({
      what: 'visibility list',
      message: temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse.encode(listed).finish(),
      payloads: payloadsIn(listed),
    });
    raw.push({
      what: 'query result',
      message: temporal.api.workflowservice.v1.QueryWorkflowResponse.encode(rawQuery).finish(),
      payloads: payloadsIn(rawQuery),
    });
    raw.push({
      what: 'current details query',
      message: temporal.api.workflowservice.v1.QueryWorkflowResponse.encode(rawDetails).finish(),
      payloads: payloadsIn(rawDetails),
    });

    // Nothing Temporal keeps or answers shows the secret.
    expect(raw.filter((r) => containsSecret(r.message)).map((r) => r.what)).toEqual([]);

    // Every payload is encrypted under the employee's key, except search attributes (never
    // encoded by the SDK), the SDK core's own record of a local activity (its id, type, attempt
    // and time, in the marker's `data`) and payloads that carry nothing (undefined results).
    const all = raw.flatMap((r) => r.payloads.map((p) => ({ ...p, what: r.what })));
    const plain = all.filter((p) => p.encoding !== ENCRYPTED_ENCODING && p.encoding !== 'binary/null');
    expect(plain.filter((p) => !/searchAttributes/.test(p.path)).map((p) => `${p.what} ${p.path}`)).toEqual([
      'run 1 EVENT_TYPE_MARKER_RECORDED markerRecordedEventAttributes.details.data.payloads.0',
    ]);
    // Search attributes stay plain, by design: the visibility store indexes them.
    expect(plain.filter((p) => /searchAttributes\.indexedFields\.EmployeeId/.test(p.path)).length).toBeGreaterThan(0);
    expect(new Set(all.filter((p) => p.encoding === ENCRYPTED_ENCODING).map((p) => p.keyId))).toEqual(
      new Set(['employee:COV-1#1']),
    );
    // And the kinds we meant to cover are there.
    const kinds = new Set(
      all.filter((p) => p.encoding === ENCRYPTED_ENCODING).map((p) => `${p.what} ${p.path}`.replace(/\.\d+/g, '')),
    );
    const expected = [
      'run 1 EVENT_TYPE_WORKFLOW_EXECUTION_STARTED workflowExecutionStartedEventAttributes.input.payloads',
      'run 1 EVENT_TYPE_WORKFLOW_EXECUTION_STARTED workflowExecutionStartedEventAttributes.memo.fields.startedFor',
      'run 1 EVENT_TYPE_WORKFLOW_EXECUTION_STARTED userMetadata.summary',
      'run 1 EVENT_TYPE_WORKFLOW_EXECUTION_STARTED userMetadata.details',
      'run 1 EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED workflowExecutionUpdateAcceptedEventAttributes.acceptedRequest.input.args.payloads',
      'run 1 EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED workflowExecutionUpdateCompletedEventAttributes.outcome.success.payloads',
      'run 1 EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED workflowExecutionSignaledEventAttributes.input.payloads',
      'run 1 EVENT_TYPE_WORKFLOW_PROPERTIES_MODIFIED workflowPropertiesModifiedEventAttributes.upsertedMemo.fields.owner',
      'run 1 EVENT_TYPE_ACTIVITY_TASK_SCHEDULED activityTaskScheduledEventAttributes.input.payloads',
      'run 1 EVENT_TYPE_ACTIVITY_TASK_COMPLETED activityTaskCompletedEventAttributes.result.payloads',
      'run 1 EVENT_TYPE_MARKER_RECORDED markerRecordedEventAttributes.details.result.payloads',
      'run 1 EVENT_TYPE_ACTIVITY_TASK_FAILED activityTaskFailedEventAttributes.failure.encodedAttributes',
      'run 1 EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW workflowExecutionContinuedAsNewEventAttributes.input.payloads',
      'run 2 EVENT_TYPE_WORKFLOW_EXECUTION_STARTED workflowExecutionStartedEventAttributes.input.payloads',
      'run 2 EVENT_TYPE_WORKFLOW_EXECUTION_FAILED workflowExecutionFailedEventAttributes.failure.encodedAttributes',
      'query result queryResult.payloads',
      'current details query queryResult.payloads',
    ];
    for (const kind of expected) expect({ kind, covered: kinds.has(kind) }).toEqual({ kind, covered: true });
  }, 120_000);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
