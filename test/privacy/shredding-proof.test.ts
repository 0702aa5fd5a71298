/**
 * The privacy issue's proof: after an employee's deletion, no store Tenure controls holds their
 * personal data in readable form. A real stack — the dev server on its SQLite file, the worker and
 * the API as processes with their logs in files, the emulator persisting its users, the Tenure
 * store on SQLite and on a real PostgreSQL — takes three employees with names and e-mails no one
 * else has to the end of their lifecycles: one never claimed and deleted, one claimed, scrubbed and
 * deleted by an administrator, one whose offer was withdrawn. Then every store is read raw and none
 * holds any of them: Temporal's history and visibility without the codec (and its database file),
 * the Tenure store's every table, the emulator's file, the worker's and the API's logs. Before the
 * end the codec shows the data; after it, the erased placeholder.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { RunningEmulator } from '../../emulator/server';
import type { DevServerProcess } from '../../scripts/lib/stack/dev-server';
import { startLocalStack, type LocalStack } from '../../scripts/lib/stack/local-stack';
import { openStore } from '../../store';
import { employeeWorkflowId } from '../../workflows/contract';
import { newMasterKeyEntry } from '../../codec/master-keys';
import { eventually } from '../helpers/eventually';
import { EVIDENCE_POLICY_ENV } from '../helpers/evidence-stack';
import { dateIn, DAY } from '../helpers/lifecycle';
import { scanForPii } from '../helpers/pii-scan';
import { describeEachStore } from '../helpers/store-drivers';
import { API_TOKENS, apiCaller, type ApiCaller } from '../api/support';

jest.setTimeout(240_000);

describeEachStore('crypto-shredding: no personal data anywhere after the deletion', (site) => {
  let stack: LocalStack;
  let devServer: DevServerProcess;
  let emulator: RunningEmulator;
  let caller: ApiCaller;
  let storeEnv: NodeJS.ProcessEnv;
  const files = { emulator: '', workerLog: '', apiLog: '' };

  beforeAll(async () => {
    const dir = await mkdtemp(join(process.env.TENURE_TEST_DIR ?? tmpdir(), 'shredding-'));
    files.emulator = join(dir, 'workplace-emulator.json');
    files.workerLog = join(dir, 'worker.log');
    files.apiLog = join(dir, 'api.log');
    storeEnv = { ...site().envOf(await site().fresh()), TENURE_MASTER_KEYS: newMasterKeyEntry('proof') };
    stack = await startLocalStack({
      label: 'the shredding proof stack',
      dir,
      temporal: { devServer: {} },
      emulator: { persistFile: files.emulator },
      storeEnv,
      worker: { env: { ...EVIDENCE_POLICY_ENV, LIFECYCLE_RETENTION: '3s' }, logFile: files.workerLog },
      api: { env: { API_TOKENS, API_LOG_LEVEL: 'info', API_RATE_LIMIT_MAX: '0' }, logFile: files.apiLog },
    });
    devServer = stack.devServer!;
    emulator = stack.emulator;
    caller = apiCaller(stack.api!.url);
  }, 240_000);

  afterAll(async () => {
    await stack?.close();
  });

  /** A joiner with a name and an e-mail no one else has. */
  function uniqueJoiner(prefix: string) {
    const tag = randomBytes(6).toString('hex');
    return {
      employeeId: `${prefix}-${tag}`,
      email: `zq.${prefix.toLowerCase()}.${tag}@example.com`,
      givenName: `Zephyrine${tag}`,
      familyName: `Quillfeather${tag}`,
      department: 'Research',
      timeZone: 'UTC',
      startDate: dateIn(Date.now() - DAY),
    };
  }
  const statusOf = async (employeeId: string) => (await caller.call('GET', `/v1/employees/${employeeId}`)).body;
  const endedAs = (employeeId: string, stage: string) =>
    eventually(
      () => statusOf(employeeId),
      (s) => s.stage === stage && (s as { run?: { executionStatus?: string } }).run?.executionStatus === 'COMPLETED',
      { timeoutMs: 90_000, intervalMs: 250 },
    );

  it('finds no name or e-mail in any store once the employees are gone — never claimed and deleted, claimed and deleted by an administrator, offer withdrawn — and the codec answers "erased"', async () => {
    const unclaimed = uniqueJoiner('SHRED');
    const claimed = uniqueJoiner('SCRUB');
    // An offer can be withdrawn until the start date.
    const withdrawn = { ...uniqueJoiner('WDRAW'), startDate: dateIn(Date.now() + 10 * DAY) };
    const everyone = [unclaimed, claimed, withdrawn];
    for (const joiner of everyone) {
      expect((await caller.call('POST', '/v1/employees', { body: joiner })).status).toBe(201);
    }
    await eventually(
      async () => (await statusOf(unclaimed.employeeId)).remindersSent ?? 0,
      (n) => n >= 1,
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    const invited = await eventually(
      () => statusOf(claimed.employeeId),
      (s) => s.stage === 'Invited',
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(emulator.store.claim(String(invited.workplaceUserId)).result).toBe('claimed');
    await eventually(
      () => statusOf(claimed.employeeId),
      (s) => s.stage === 'Active',
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    // While the employees exist: raw Temporal holds ciphertext only, and the codec shows the data.
    const plain = new Client({ connection: await Connection.connect({ address: devServer.address }) });
    try {
      const names = everyone.flatMap((j) => [j.givenName, j.familyName, j.email]);
      expect(await scanForPii(names, { temporal: { client: plain } })).toEqual([]);
      const started = await firstPayload(plain, unclaimed.employeeId);
      const decoded = await caller.call('POST', '/codec/decode', { as: 'operator', body: { payloads: [started] } });
      expect(decoded.status).toBe(200);
      const before = Buffer.from((decoded.body as unknown as Decoded).payloads[0]!.data, 'base64').toString('utf8');
      expect(before).toContain(unclaimed.givenName);
      expect(before).toContain(unclaimed.email);

      // HR ends two contracts and withdraws an offer; retention is 3 s.
      for (const { employeeId } of [unclaimed, claimed]) {
        expect((await caller.call('POST', `/v1/employees/${employeeId}/leave`, { body: {} })).status).toBe(200);
      }
      expect((await caller.call('POST', `/v1/employees/${withdrawn.employeeId}/withdraw`, { body: {} })).status).toBe(
        200,
      );
      // The claimed account is scrubbed and handed to operators; an administrator deletes it in the
      // Admin Panel (Workplace lets no API delete a claimed account) and an operator confirms.
      const handed = await eventually(
        () => statusOf(claimed.employeeId),
        (s) => s.stage === 'AwaitingManualDeletion',
        { timeoutMs: 60_000, intervalMs: 250 },
      );
      emulator.store.deleteAsAdministrator(String(handed.workplaceUserId));
      const confirmed = await caller.call('POST', `/v1/employees/${claimed.employeeId}/deletion-confirmed`, {
        as: 'operator',
        body: { note: 'deleted in the Admin Panel' },
      });
      expect(confirmed.status).toBe(200);

      const ended = [
        await endedAs(unclaimed.employeeId, 'Deleted'),
        await endedAs(claimed.employeeId, 'Deleted'),
        await endedAs(withdrawn.employeeId, 'Withdrawn'),
      ];
      for (const [i, view] of ended.entries()) {
        expect(view).toMatchObject({ ended: true, employeeId: everyone[i]!.employeeId, department: 'Research' });
        expect(JSON.stringify(view)).not.toContain(everyone[i]!.givenName);
      }

      // Let the processes flush their logs, then read every store raw (each one that exists and holds something).
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      for (const file of [files.emulator, files.workerLog, files.apiLog, devServer.dbFilename!]) {
        expect({ file, bytes: (await stat(file)).size > 0 }).toEqual({ file, bytes: true });
      }
      const store = await openStore(storeConfigOf(storeEnv));
      try {
        const findings = await scanForPii(names, {
          temporal: { client: plain },
          store,
          paths: [files.emulator, files.workerLog, files.apiLog, devServer.dbFilename!],
        });
        expect(findings).toEqual([]);
      } finally {
        await store.close();
      }

      // Through the codec, after the shredding: the placeholder, not the data.
      for (const { employeeId, givenName } of everyone) {
        const payload = await firstPayload(plain, employeeId);
        const after = await caller.call('POST', '/codec/decode', { as: 'operator', body: { payloads: [payload] } });
        const text = Buffer.from((after.body as unknown as Decoded).payloads[0]!.data, 'base64').toString('utf8');
        expect(text).toContain('"erased":true');
        expect(text).not.toContain(givenName);
      }
    } finally {
      await plain.connection.close();
    }
  });
});

interface Decoded {
  payloads: { metadata: Record<string, string>; data: string }[];
}

/** The encrypted start input of the employee's run, in the codec protocol's JSON form. */
async function firstPayload(client: Client, employeeId: string) {
  const history = await client.workflowService.getWorkflowExecutionHistory({
    namespace: 'default',
    execution: { workflowId: employeeWorkflowId(employeeId) },
  });
  const first = temporal.api.history.v1.HistoryEvent.create(history.history!.events![0]);
  const payload = first.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
    data: Buffer.from(payload.data!).toString('base64'),
  };
}

function storeConfigOf(env: NodeJS.ProcessEnv) {
  return env.TENURE_DATABASE_URL
    ? { kind: 'postgres' as const, url: env.TENURE_DATABASE_URL }
    : { kind: 'sqlite' as const, file: join(env.TENURE_DATA_DIR!, 'tenure.db') };
}
