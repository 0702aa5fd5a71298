/**
 * A batch whose client goes away, against a real dev server (no worker needed: starting a run is
 * what is counted): the API stops starting items, and exactly the items it started exist.
 */
import { WorkflowNotFoundError } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { employeeWorkflowId } from '../../workflows/contract';
import { eventually } from '../helpers/eventually';
import { jsonLogSink } from '../helpers/json-log';
import { createDevServerEnv } from '../helpers/temporal-env';
import { joiner, startApi, TOKENS, type RunningApi } from './support';

let env: TestWorkflowEnvironment;
let api: RunningApi;
const { stream: logStream, lines: logs } = jsonLogSink();

beforeAll(async () => {
  env = await createDevServerEnv();
  // One lane: the batch runs long enough for the client to leave in the middle of it.
  api = await startApi(env.client, { env: { API_LOG_LEVEL: 'info', API_BATCH_CONCURRENCY: '1' }, logStream });
});

afterAll(async () => {
  await api?.close();
  await env?.teardown();
});

async function exists(employeeId: string): Promise<boolean> {
  try {
    await env.client.workflow.getHandle(employeeWorkflowId(employeeId)).describe();
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

it('stops starting the items of a batch once its client disconnects', async () => {
  const employees = Array.from({ length: 1000 }, () => joiner());
  const client = new AbortController();
  const sent = fetch(`${api.url}/v1/employees/batch`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKENS.hr}`, 'content-type': 'application/json' },
    body: JSON.stringify({ employees }),
    signal: client.signal,
  });
  // Leave once the batch has started a few.
  await eventually(() => exists(employees[2]!.employeeId), Boolean, { intervalMs: 20 });
  client.abort();
  await expect(sent).rejects.toThrow();

  const stopped = await eventually(
    async () => logs.find((line) => line.msg === 'batch stopped before its end'),
    (line) => line !== undefined,
  );
  expect(stopped).toMatchObject({ reason: 'disconnected', items: 1000 });
  const started = stopped!.started as number;
  expect(started).toBeGreaterThanOrEqual(3);
  expect(started).toBeLessThan(1000);
  // Exactly the items taken before the stop exist (the log line comes once every lane finished).
  const before = await Promise.all(employees.slice(0, started).map((e) => exists(e.employeeId)));
  expect(before.filter((found) => !found)).toHaveLength(0);
  const after = await Promise.all(employees.slice(started).map((e) => exists(e.employeeId)));
  expect(after.filter(Boolean)).toHaveLength(0);
});
