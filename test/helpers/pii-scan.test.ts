import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { openStore, type TenureStore } from '../../store';
import { scanForPii } from './pii-scan';
import { sqliteSite, type StoreSite } from './store-drivers';
import { createDevServerEnv } from './temporal-env';

const NAME = 'Xanthippe-Pii-Probe';
const EMAIL = 'Xanthippe.Probe@Example.com';

let env: TestWorkflowEnvironment;
let site: StoreSite;
let store: TenureStore;
let dir: string;

beforeAll(async () => {
  env = await createDevServerEnv();
  site = await sqliteSite();
  store = await openStore(await site.fresh());
  dir = await mkdtemp(join(tmpdir(), 'pii-scan-'));
}, 60_000);

afterAll(async () => {
  await store?.close();
  await site?.close();
  await env?.teardown();
  await rm(dir, { recursive: true, force: true });
});

describe('the personal-data scan', () => {
  it('finds a name in raw history and visibility written without the codec, and none written through it', async () => {
    const plain = new Client({ connection: env.connection });
    await plain.workflow.start('anyWorkflow', {
      taskQueue: 'no-worker',
      workflowId: 'employee-PII-PLAIN',
      args: [{ givenName: NAME }],
      memo: { contact: EMAIL.toLowerCase() },
    });
    await env.client.workflow.start('anyWorkflow', {
      taskQueue: 'no-worker',
      workflowId: 'employee-PII-ENCRYPTED',
      args: [{ givenName: NAME, email: EMAIL }],
      memo: { contact: EMAIL },
      staticSummary: NAME,
    });
    const findings = await scanForPii([NAME, EMAIL], { temporal: { client: env.client } });
    const places = findings.map((f) => `${f.needle} @ ${f.where}`);
    expect(places).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^${NAME} @ history employee-PII-PLAIN run \\S+ event 1 EVENT_TYPE_WORKFLOW_EXECUTION_STARTED$`),
        ),
        expect.stringMatching(new RegExp(`^${EMAIL} @ visibility employee-PII-PLAIN`)),
        expect.stringMatching(new RegExp(`^${EMAIL} @ description employee-PII-PLAIN`)),
      ]),
    );
    expect(findings.filter((f) => f.where.includes('PII-ENCRYPTED'))).toEqual([]);
    const onlyEncrypted = await scanForPii([NAME, EMAIL], {
      temporal: { client: env.client, query: 'WorkflowId = "employee-PII-ENCRYPTED"' },
    });
    expect(onlyEncrypted).toEqual([]);
  });

  it('finds a name in any table of the Tenure store', async () => {
    expect(await scanForPii([NAME], { store })).toEqual([]);
    await store.sql.run(
      'INSERT INTO data_keys (owner, version, wrapped_key, master_key_id, created_at) VALUES ($1, 1, $2, $3, $4)',
      ['employee:E-PII', Buffer.from(`x ${NAME} x`), 'm1', new Date().toISOString()],
    );
    expect(await scanForPii([NAME], { store })).toEqual([{ needle: NAME, where: 'store data_keys row 1' }]);
  });

  it('finds an e-mail in log files, whatever its case, down a folder tree', async () => {
    await mkdir(join(dir, 'logs', 'worker'), { recursive: true });
    await writeFile(join(dir, 'logs', 'api.log'), '{"msg":"started"}\n');
    await writeFile(join(dir, 'logs', 'worker', 'worker.log'), `{"msg":"sent to ${EMAIL.toLowerCase()}"}\n`);
    expect(await scanForPii([EMAIL, NAME], { paths: [join(dir, 'logs')] })).toEqual([
      { needle: EMAIL, where: `file ${join(dir, 'logs', 'worker', 'worker.log')}` },
    ]);
  });
});
