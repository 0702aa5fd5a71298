/**
 * The privacy issue's proof: after an employee's deletion, no store Tenure controls holds their
 * personal data in readable form. A real stack — the dev server on its SQLite file, the worker and
 * the API as processes with their logs in files, the emulator persisting its users, the Tenure
 * store on SQLite and on a real PostgreSQL — takes an employee with a name and an e-mail no one
 * else has from hire to Deleted. Then every store is read raw and none holds either: Temporal's
 * history and visibility without the codec (and its database file), the Tenure store's every table,
 * the emulator's file, the worker's and the API's logs. Before the deletion the codec shows both;
 * after it, the erased placeholder.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { startApiProcess, type ApiProcess } from '../../scripts/lib/api-process';
import { startWorkerProcess, type WorkerProcess } from '../../scripts/lib/worker-process';
import { startSmtpSink, type RunningSmtpSink } from '../../smtp-sink/sink';
import { openStore } from '../../store';
import { employeeWorkflowId } from '../../workflows/contract';
import { newMasterKeyEntry } from '../../codec/master-keys';
import { startDevServerProcess, type DevServerProcess } from '../helpers/dev-server-process';
import { eventually } from '../helpers/eventually';
import { dateIn, DAY } from '../helpers/lifecycle';
import { scanForPii } from '../helpers/pii-scan';
import { describeEachStore } from '../helpers/store-drivers';
import { API_TOKENS, apiCaller, type ApiCaller } from '../api/support';

jest.setTimeout(240_000);

describeEachStore('crypto-shredding: no personal data anywhere after the deletion', (site) => {
  let dir: string;
  let devServer: DevServerProcess;
  let emulator: RunningEmulator;
  let sink: RunningSmtpSink;
  let worker: WorkerProcess;
  let api: ApiProcess;
  let caller: ApiCaller;
  let storeEnv: NodeJS.ProcessEnv;
  const files = { emulator: '', workerLog: '', apiLog: '' };

  beforeAll(async () => {
    dir = await mkdtemp(join(process.env.TENURE_TEST_DIR ?? tmpdir(), 'shredding-'));
    files.emulator = join(dir, 'workplace-emulator.json');
    files.workerLog = join(dir, 'worker.log');
    files.apiLog = join(dir, 'api.log');
    devServer = await startDevServerProcess(dir);
    emulator = await startEmulator({ port: 0, persistFile: files.emulator });
    sink = await startSmtpSink({ smtpPort: 0, httpPort: 0 });
    storeEnv = { ...site().envOf(await site().fresh()), TENURE_MASTER_KEYS: newMasterKeyEntry('proof') };
    const common = { ...process.env, ...storeEnv, TEMPORAL_ADDRESS: devServer.address };
    worker = await startWorkerProcess(
      {
        ...common,
        WORKPLACE_SCIM_URL: emulator.url,
        WORKPLACE_ACCESS_TOKEN: emulator.token,
        SMTP_HOST: '127.0.0.1',
        SMTP_PORT: String(sink.smtpPort),
        LIFECYCLE_INVITE_OFFSET: '0s',
        LIFECYCLE_REMINDER_INTERVAL: '2s',
        LIFECYCLE_LEAVE_NOTICE: '0s',
        LIFECYCLE_RETENTION: '3s',
      },
      { logFile: files.workerLog },
    );
    api = await startApiProcess(
      { ...common, API_TOKENS, API_LOG_LEVEL: 'info', API_RATE_LIMIT_MAX: '0' },
      { logFile: files.apiLog },
    );
    caller = apiCaller(api.url);
  }, 240_000);

  afterAll(async () => {
    await api?.close();
    await worker?.close();
    await sink?.close();
    await emulator?.close();
    await devServer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('finds neither name nor e-mail in any store once the employee is Deleted, and the codec answers "erased"', async () => {
    const tag = randomBytes(6).toString('hex');
    const givenName = `Zephyrine${tag}`;
    const familyName = `Quillfeather${tag}`;
    const email = `zq.${tag}@example.com`;
    const employeeId = `SHRED-${tag}`;
    const joiner = {
      employeeId,
      email,
      givenName,
      familyName,
      department: 'Research',
      timeZone: 'UTC',
      startDate: dateIn(Date.now() - DAY),
    };
    expect((await caller.call('POST', '/v1/employees', { body: joiner })).status).toBe(201);
    await eventually(
      async () => (await caller.call('GET', `/v1/employees/${employeeId}`)).body.remindersSent ?? 0,
      (n) => n >= 1,
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    // While the employee exists: raw Temporal holds ciphertext only, and the codec shows both.
    const plain = new Client({ connection: await Connection.connect({ address: devServer.address }) });
    try {
      expect(await scanForPii([givenName, email], { temporal: { client: plain } })).toEqual([]);
      const started = await firstPayload(plain, employeeId);
      const decoded = await caller.call('POST', '/codec/decode', { as: 'operator', body: { payloads: [started] } });
      expect(decoded.status).toBe(200);
      const before = Buffer.from((decoded.body as unknown as Decoded).payloads[0]!.data, 'base64').toString('utf8');
      expect(before).toContain(givenName);
      expect(before).toContain(email);

      // HR ends the contract; retention is 3 s; the never-claimed account is deleted, the key erased.
      expect((await caller.call('POST', `/v1/employees/${employeeId}/leave`, { body: {} })).status).toBe(200);
      const ended = await eventually(
        async () => (await caller.call('GET', `/v1/employees/${employeeId}`)).body,
        (s) =>
          s.stage === 'Deleted' && (s as { run?: { executionStatus?: string } }).run?.executionStatus === 'COMPLETED',
        { timeoutMs: 60_000, intervalMs: 250 },
      );
      expect(ended).toMatchObject({ ended: true, employeeId, department: 'Research' });
      expect(JSON.stringify(ended)).not.toContain(givenName);

      // Let the processes flush their logs, then read every store raw (each one that exists and holds something).
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      for (const file of [files.emulator, files.workerLog, files.apiLog, devServer.dbFilename]) {
        expect({ file, bytes: (await stat(file)).size > 0 }).toEqual({ file, bytes: true });
      }
      const store = await openStore(storeConfigOf(storeEnv));
      try {
        const findings = await scanForPii([givenName, familyName, email], {
          temporal: { client: plain },
          store,
          paths: [files.emulator, files.workerLog, files.apiLog, devServer.dbFilename],
        });
        expect(findings).toEqual([]);
      } finally {
        await store.close();
      }

      // Through the codec, after the shredding: the placeholder, not the data.
      const after = await caller.call('POST', '/codec/decode', { as: 'operator', body: { payloads: [started] } });
      const text = Buffer.from((after.body as unknown as Decoded).payloads[0]!.data, 'base64').toString('utf8');
      expect(text).toContain('"erased":true');
      expect(text).not.toContain(givenName);
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
