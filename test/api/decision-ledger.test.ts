/**
 * A lifecycle decision whose audit row cannot be written: the request took effect, the answer is a
 * 503 that says so, and the retry with the same Idempotency-Key writes the row once — against a
 * real dev server, worker and emulator, the API over real HTTP.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store';
import { eventually } from '../helpers/eventually';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { testCodec } from '../helpers/test-codec';
import { FAST_POLICY, joiner, startApi, type ApiBody, type RunningApi } from './support';

let stack: RealStack;
let api: RunningApi;
let storeless: RunningApi;

beforeAll(async () => {
  stack = await startRealStack({ policy: FAST_POLICY });
  api = await startApi(stack.env.client);
  // An API whose Tenure store went away (closed: every call fails).
  const dir = await mkdtemp(join(process.env.TENURE_TEST_DIR ?? tmpdir(), 'gone-'));
  const gone = await openStore({ kind: 'sqlite', file: join(dir, 'tenure.db') });
  await gone.close();
  storeless = await startApi(stack.env.client, { store: gone });
});

afterAll(async () => {
  await storeless?.close();
  await api?.close();
  await stack?.close();
});

describe('a decision whose audit row cannot be written', () => {
  it('answers 503 STORE_UNAVAILABLE after the request took effect, and the retry with its key records it once', async () => {
    const record = joiner({ startDate: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) });
    expect((await api.call('POST', '/v1/employees', { body: record })).status).toBe(201);
    const { employeeId } = record;
    await eventually(
      async () => (await api.call('GET', `/v1/employees/${employeeId}`)).body,
      (s: ApiBody) => s.stage === 'Invited',
      { timeoutMs: 20_000, intervalMs: 200 },
    );
    const leaveAt = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const request = { body: { leaveAt }, headers: { 'idempotency-key': `audit-${employeeId}` } };

    const refused = await storeless.call('POST', `/v1/employees/${employeeId}/leave`, request);
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(refused.body.error?.message).toMatch(/accepted.*same Idempotency-Key/);
    expect((await api.call('GET', `/v1/employees/${employeeId}`)).body.leave?.at).toBe(leaveAt);

    const { store } = await testCodec();
    expect(await store.ledger.find({ employeeIds: [employeeId], actions: ['decision:changeLeave'] })).toEqual([]);
    expect((await api.call('POST', `/v1/employees/${employeeId}/leave`, request)).status).toBe(200);
    expect((await api.call('POST', `/v1/employees/${employeeId}/leave`, request)).status).toBe(200);
    expect(await store.ledger.find({ employeeIds: [employeeId], actions: ['decision:changeLeave'] })).toEqual([
      expect.objectContaining({ actor: 'hr:hr-feed', outcome: 'accepted' }),
    ]);
  });
});
