import { openStore, type LedgerContent, type TenureStore } from '../../store';
import { hashOf } from '../../store/ledger-chain';
import { runScript } from '../helpers/script-run';
import { describeEachStore } from '../helpers/store-drivers';

let n = 0;
const entry = (overrides: Partial<LedgerContent> = {}): LedgerContent => {
  n += 1;
  return {
    idempotencyKey: `employee-E${n}/run/1`,
    employeeId: `E${n}`,
    action: 'deactivate',
    actor: 'hr:hr-feed',
    requestedAt: '2026-12-01T09:00:00.000Z',
    dueAt: '2026-12-01T17:00:00.000Z',
    doneAt: '2026-12-01T17:00:01.000Z',
    outcome: 'deactivated',
    resourceId: `${1000 + n}`,
    department: 'Research',
    workflowId: `employee-E${n}`,
    runId: 'run',
    ...overrides,
  };
};

describeEachStore('the audit ledger', (site) => {
  let store: TenureStore;
  beforeEach(async () => {
    store = await openStore(await site().fresh());
  });
  afterEach(async () => {
    await store.close();
  });

  it('chains each row to the one before it, from the genesis hash', async () => {
    const first = await store.ledger.append(entry());
    const second = await store.ledger.append(entry());
    expect(first.row).toMatchObject({ seq: 1, prevHash: '0'.repeat(64) });
    expect(second.row).toMatchObject({ seq: 2, prevHash: first.row.hash });
    expect(await store.ledger.verify()).toEqual({
      ok: true,
      rows: 2,
      head: { seq: 2, hash: second.row.hash },
    });
  });

  it('writes one row per idempotency key: a repeated append answers the first row and writes nothing', async () => {
    const content = entry();
    const first = await store.ledger.append(content);
    const again = await store.ledger.append({ ...content, doneAt: '2026-12-01T17:05:00.000Z' });
    expect(again).toEqual({ row: first.row, appended: false });
    expect(await store.ledger.find()).toHaveLength(1);
  });

  it('keeps the chain one line when several stores of one process append at once', async () => {
    const config = await site().fresh();
    const writers = await Promise.all([openStore(config), openStore(config), openStore(config)]);
    try {
      await Promise.all(writers.flatMap((writer) => Array.from({ length: 15 }, () => writer.ledger.append(entry()))));
      const verified = await writers[0].ledger.verify({ pageSize: 7 });
      expect(verified).toMatchObject({ ok: true, rows: 45, head: { seq: 45 } });
    } finally {
      await Promise.all(writers.map((writer) => writer.close()));
    }
  });

  it('keeps the chain one line when several writer processes append to one store at once', async () => {
    const config = await site().fresh();
    // Migrated first, so that the writers race on appends, not on the schema.
    await (await openStore(config)).close();
    const writers = ['w1', 'w2', 'w3'].map((writer) =>
      runScript('test/store/fixtures/append-ledger.ts', {
        ...site().envOf(config),
        LEDGER_WRITER: writer,
        LEDGER_ROWS: '25',
      }),
    );
    const exits = await Promise.all(writers.map((w) => w.exited));
    expect({ exits, output: writers.map((w) => w.output()).join('') }).toEqual({ exits: [0, 0, 0], output: '' });
    const reader = await openStore(config);
    try {
      expect(await reader.ledger.verify()).toMatchObject({ ok: true, rows: 75, head: { seq: 75 } });
    } finally {
      await reader.close();
    }
  }, 60_000);

  it('detects a row edited in the database, naming it as the first broken link', async () => {
    for (let i = 0; i < 5; i++) await store.ledger.append(entry());
    // Someone moves a late deactivation's done-at back in time, straight in the database.
    await store.sql.run(`UPDATE ledger SET done_at = $1 WHERE seq = 3`, ['2026-12-01T16:59:00.000Z']);
    const verified = await store.ledger.verify();
    expect(verified).toMatchObject({
      ok: false,
      rows: 2,
      head: { seq: 2 },
      firstBroken: { seq: 3, problem: 'content-changed' },
    });
  });

  it('detects a row edited together with its own hash: the next row no longer links to it', async () => {
    for (let i = 0; i < 4; i++) await store.ledger.append(entry());
    const [row] = await store.ledger.find({ employeeIds: [`E${n - 2}`] });
    const forged = { ...row!, outcome: 'not-found' };
    await store.sql.run(`UPDATE ledger SET outcome = $1, hash = $2 WHERE seq = $3`, [
      forged.outcome,
      hashOf(row!.seq, forged, row!.prevHash),
      row!.seq,
    ]);
    expect(await store.ledger.verify()).toMatchObject({
      ok: false,
      firstBroken: { seq: row!.seq + 1, problem: 'previous-hash-mismatch' },
    });
  });

  it('detects a row deleted from the database, first or in the middle', async () => {
    for (let i = 0; i < 5; i++) await store.ledger.append(entry());
    await store.sql.run(`DELETE FROM ledger WHERE seq = 4`);
    expect(await store.ledger.verify()).toMatchObject({
      ok: false,
      rows: 3,
      firstBroken: { seq: 4, problem: 'rows-missing' },
    });
    await store.sql.run(`DELETE FROM ledger WHERE seq = 1`);
    expect(await store.ledger.verify()).toMatchObject({ ok: false, rows: 0, head: null, firstBroken: { seq: 1 } });
  });

  it('finds rows by action, employee and done-at window', async () => {
    await store.ledger.append(entry({ action: 'provision', doneAt: '2026-11-01T00:00:00.000Z' }));
    const late = await store.ledger.append(entry({ doneAt: '2026-12-02T00:00:00.000Z' }));
    await store.ledger.append(entry({ doneAt: '2026-12-03T00:00:00.000Z' }));
    const found = await store.ledger.find({
      actions: ['deactivate'],
      from: '2026-12-01T00:00:00.000Z',
      to: '2026-12-03T00:00:00.000Z',
    });
    expect(found.map((r) => r.seq)).toEqual([late.row.seq]);
    expect(await store.ledger.find({ actions: [] })).toEqual([]);
  });
});
