/**
 * The audit ledger through the API on the real stack (worker and API processes, the dev server,
 * the emulator), on SQLite and on PostgreSQL: HR's decision and the directory writes of a joiner
 * who leaves are rows of the ledger, with who asked and when it was due, and the read-back that
 * follows the deactivation (a directory that re-enables the account raises directory-mismatch); `GET /v1/ledger/verify` and
 * `npm run ledger:verify` find a row edited and a row deleted straight in the database.
 */
import type { LedgerRow } from '../../store';
import { eventually } from '../helpers/eventually';
import { startEvidenceStack, type EvidenceStack } from '../helpers/evidence-stack';
import { dateIn, DAY, nextEmployeeId } from '../helpers/lifecycle';
import { runScript } from '../helpers/script-run';
import { describeEachStore } from '../helpers/store-drivers';

jest.setTimeout(240_000);

/** A joiner who started yesterday, with a name and an e-mail the ledger must never hold. */
const joinerOf = (employeeId: string, department: string) => ({
  employeeId,
  email: `${employeeId.toLowerCase()}@example.com`,
  givenName: 'Ledger',
  familyName: 'Person',
  department,
  timeZone: 'UTC',
  startDate: dateIn(Date.now() - DAY),
});

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
    const { caller } = stack;
    expect((await caller.call('POST', '/v1/employees', { body: joinerOf(employeeId, 'Finance') })).status).toBe(201);
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
    await eventually(
      async () => (await caller.call('GET', `/v1/employees/${employeeId}`)).body.timeline ?? [],
      (timeline) => timeline.some((entry) => entry.event === 'read-back-confirmed'),
      { timeoutMs: 30_000, intervalMs: 250 },
    );

    const rows = await stack.store.ledger.find({ employeeIds: [employeeId] });
    const byAction = (action: string) => rows.filter((row: LedgerRow) => row.action === action);
    expect(byAction('provision')).toHaveLength(1);
    expect(byAction('provision')[0]).toMatchObject({
      outcome: 'created-invited',
      actor: 'hr:hr-feed', // the provisioning was asked for by whoever hired the employee
      department: 'Finance',
    });
    expect(byAction('decision:changeLeave')).toEqual([
      expect.objectContaining({ actor: 'hr:hr-feed', outcome: 'accepted', workflowId: `employee-${employeeId}` }),
    ]);
    expect(byAction('decision:changeLeave')[0]!.runId).toBe(byAction('provision')[0]!.runId);
    expect(byAction('deactivate')).toHaveLength(1);
    expect(byAction('read-back:deactivate')).toEqual([
      expect.objectContaining({ outcome: 'confirmed:inactive', actor: 'tenure:read-back' }),
    ]);
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

  it('flags directory-mismatch, with a ledger row and a metric, when the directory re-enables the account at once', async () => {
    const employeeId = nextEmployeeId('MISMATCH');
    const { caller, emulator } = stack;
    expect((await caller.call('POST', '/v1/employees', { body: joinerOf(employeeId, 'Sales') })).status).toBe(201);
    await eventually(
      async () => (await caller.call('GET', `/v1/employees/${employeeId}`)).body.stage,
      (stage) => stage === 'Invited',
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    // Another administrator (or a sync from elsewhere) turns the account back on as soon as it is off.
    const stop = emulator.store.onChange(() => {
      const user = emulator.store.findByExternalId(employeeId);
      if (user && user.attributes.active === false) {
        setImmediate(() => emulator.store.replace(user.id, { attributes: { ...user.attributes, active: true } }));
      }
    });
    try {
      expect((await caller.call('POST', `/v1/employees/${employeeId}/leave`, { body: {} })).status).toBe(200);
      const flagged = await eventually(
        async () => (await caller.call('GET', `/v1/employees/${employeeId}`)).body,
        (status) => status.needsAttention === true,
        { timeoutMs: 60_000, intervalMs: 250 },
      );
      expect(flagged).toMatchObject({ stage: 'Deactivated', needsAttentionReason: 'directory-mismatch' });
    } finally {
      stop();
    }
    const [readBack] = await stack.store.ledger.find({ employeeIds: [employeeId], actions: ['read-back:deactivate'] });
    expect(readBack).toMatchObject({ outcome: 'mismatch:active', department: 'Sales' });
    await eventually(
      async () => (await caller.call<string>('GET', '/metrics')).body,
      (text) => /^tenure_employees_directory_mismatch 1$/m.test(text),
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );
  });
});
