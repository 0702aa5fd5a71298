/**
 * The audit ledger through the API on the real stack (worker and API processes, the dev server,
 * the emulator), on SQLite and on PostgreSQL: HR's decision and the directory writes of a joiner
 * who leaves are rows of the ledger, with who asked and when it was due; `GET /v1/ledger/verify` and
 * `npm run ledger:verify` find a row edited and a row deleted straight in the database.
 */
import type { LedgerRow } from '../../store';
import { eventually } from '../helpers/eventually';
import { startEvidenceStack, type EvidenceStack } from '../helpers/evidence-stack';
import { dateIn, DAY, nextEmployeeId } from '../helpers/lifecycle';
import { runScript } from '../helpers/script-run';
import { describeEachStore } from '../helpers/store-drivers';

jest.setTimeout(240_000);

interface Verification {
  ok: boolean;
  rows: number;
  head: { seq: number; hash: string } | null;
  firstBroken?: { seq: number; problem: string; detail: string };
}

describeEachStore('the audit ledger through the API', (site) => {
  let stack: EvidenceStack;
  beforeAll(async () => {
    stack = await startEvidenceStack(site());
  }, 240_000);
  afterAll(async () => {
    await stack?.close();
  });

  const verify = async () => {
    const reply = await stack.caller.call<Verification>('GET', '/v1/ledger/verify', { as: 'operator' });
    expect(reply.status).toBe(200);
    return reply.body;
  };

  /** Both the route and the script name the same first broken link. */
  const expectBroken = async (seq: number, problem: string) => {
    expect(await verify()).toMatchObject({ ok: false, rows: seq - 1, firstBroken: { seq, problem } });
    const script = runScript('scripts/verify-ledger.ts', stack.storeEnv);
    expect(await script.exited).toBe(2);
    expect(script.output()).toContain(`LEDGER BROKEN at row ${seq} (${problem})`);
    expect(script.output()).not.toMatch(/postgres:\/\/[^\s]*:[^\s*]+@/);
  };

  it('records each directory write once, with who asked and when it was due, and detects an edit and a deletion', async () => {
    const employeeId = nextEmployeeId('LEDGER');
    const joiner = {
      employeeId,
      email: `${employeeId.toLowerCase()}@example.com`,
      givenName: 'Ledger',
      familyName: 'Person',
      department: 'Finance',
      timeZone: 'UTC',
      startDate: dateIn(Date.now() - DAY),
    };
    const { caller } = stack;
    expect((await caller.call('POST', '/v1/employees', { body: joiner })).status).toBe(201);
    await eventually(
      async () => (await caller.call('GET', `/v1/employees/${employeeId}`)).body.stage,
      (stage) => stage === 'Invited',
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    // HR's decision, sent twice with one Idempotency-Key (a retried request): one decision row.
    const leave = { body: {}, headers: { 'idempotency-key': `leave-${employeeId}` } };
    expect((await caller.call('POST', `/v1/employees/${employeeId}/leave`, leave)).status).toBe(200);
    expect((await caller.call('POST', `/v1/employees/${employeeId}/leave`, leave)).status).toBe(200);
    await eventually(
      async () => (await caller.call('GET', `/v1/employees/${employeeId}`)).body.stage,
      (stage) => stage === 'Deactivated',
      { timeoutMs: 60_000, intervalMs: 250 },
    );

    const rows = await stack.store.ledger.find({ employeeIds: [employeeId] });
    const byAction = (action: string) => rows.filter((row: LedgerRow) => row.action === action);
    expect(byAction('provision')).toHaveLength(1);
    expect(byAction('provision')[0]).toMatchObject({ outcome: 'created', actor: 'tenure:hire', department: 'Finance' });
    expect(byAction('decision:changeLeave')).toEqual([
      expect.objectContaining({ actor: 'hr:hr-feed', outcome: 'accepted', workflowId: `employee-${employeeId}` }),
    ]);
    expect(byAction('decision:changeLeave')[0]!.runId).toBe(byAction('provision')[0]!.runId);
    expect(byAction('deactivate')).toHaveLength(1);
    const deactivation = byAction('deactivate')[0]!;
    expect(deactivation).toMatchObject({
      outcome: 'deactivated',
      actor: 'hr:hr-feed',
      workflowId: `employee-${employeeId}`,
      resourceId: byAction('provision')[0]!.resourceId,
    });
    expect(Date.parse(deactivation.doneAt)).toBeGreaterThanOrEqual(Date.parse(deactivation.dueAt!));
    expect(Date.parse(deactivation.requestedAt!)).toBeLessThanOrEqual(Date.parse(deactivation.dueAt!));
    // The ledger outlives the employee's data key: no name, no e-mail in any row.
    expect(JSON.stringify(rows)).not.toMatch(/Ledger|Person|@example\.com/);

    const intact = await verify();
    expect(intact).toMatchObject({ ok: true, head: { seq: rows.at(-1)!.seq } });
    expect(intact.rows).toBeGreaterThanOrEqual(rows.length);
    expect((await caller.call('GET', '/v1/ledger/verify', { as: 'hr' })).status).toBe(403);

    // An edit straight in the database: the deactivation moved to its due instant.
    await stack.store.sql.run('UPDATE ledger SET done_at = $1 WHERE seq = $2', [deactivation.dueAt, deactivation.seq]);
    await expectBroken(deactivation.seq, 'content-changed');

    // Undone, the chain checks out again; then a row is deleted.
    await stack.store.sql.run('UPDATE ledger SET done_at = $1 WHERE seq = $2', [deactivation.doneAt, deactivation.seq]);
    expect(await verify()).toMatchObject({ ok: true });
    const provision = byAction('provision')[0]!;
    await stack.store.sql.run('DELETE FROM ledger WHERE seq = $1', [provision.seq]);
    await expectBroken(provision.seq, 'rows-missing');
  });
});
