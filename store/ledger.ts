import type { SqlDriver, SqlExecutor } from './sql-driver';
import { chainStart, checkRows, hashOf, type BrokenLink, type LedgerContent, type LedgerRow } from './ledger-chain';

interface Row {
  seq: number;
  idempotency_key: string;
  employee_id: string;
  action: string;
  actor: string;
  requested_at: string | null;
  due_at: string | null;
  done_at: string;
  outcome: string;
  resource_id: string | null;
  department: string | null;
  workflow_id: string;
  run_id: string;
  prev_hash: string;
  hash: string;
}

const COLUMNS =
  'seq, idempotency_key, employee_id, action, actor, requested_at, due_at, done_at, outcome, resource_id, ' +
  'department, workflow_id, run_id, prev_hash, hash';

const rowOf = (row: Row): LedgerRow => ({
  seq: Number(row.seq),
  idempotencyKey: row.idempotency_key,
  employeeId: row.employee_id,
  action: row.action,
  actor: row.actor,
  requestedAt: row.requested_at,
  dueAt: row.due_at,
  doneAt: row.done_at,
  outcome: row.outcome,
  resourceId: row.resource_id,
  department: row.department,
  workflowId: row.workflow_id,
  runId: row.run_id,
  prevHash: row.prev_hash,
  hash: row.hash,
});

// Any constant other than the migrations' own: the lock that makes PostgreSQL appends one at a time.
const APPEND_LOCK = 7_462_832;

/** What a verification of the whole ledger found. */
export interface LedgerVerification {
  ok: boolean;
  /** rows checked before the first broken link (all of them when ok) */
  rows: number;
  /** the last row that checked out: compare with an earlier verification's head to see rows cut off the end */
  head: { seq: number; hash: string } | null;
  firstBroken?: BrokenLink;
}

/** What the ledger says an employee's account should be. */
export interface ExpectedAccount {
  employeeId: string;
  state: 'active' | 'inactive' | 'gone';
  /** the directory id of the write that decided it (none for a provisioning that found a 409) */
  resourceId: string | null;
  department: string | null;
}

/** A filter on the ledger's rows. */
export interface LedgerQuery {
  actions?: readonly string[];
  /** rows done at or after this instant */
  from?: string;
  /** rows done before this instant */
  to?: string;
  employeeIds?: readonly string[];
  /** which instant `from`/`to` bound: when it was done (default), or when it was due (done when it had no due instant) */
  on?: 'done' | 'due';
}

/**
 * The `ledger` table: append-only, one row per lifecycle decision and directory write, chained by
 * SHA-256 (ledger-chain.ts). Appends are serialised (SQLite's `BEGIN IMMEDIATE`, a PostgreSQL
 * advisory lock) so that the chain stays one line however many workers write at once.
 */
export class LedgerTable {
  constructor(private readonly db: SqlDriver) {}

  /**
   * Appends a row, unless one with the same idempotency key exists (a retried activity, a repeated
   * request): then it answers that row and writes nothing.
   */
  async append(content: LedgerContent): Promise<{ row: LedgerRow; appended: boolean }> {
    return this.db.transaction(async (tx) => {
      if (this.db.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      const existing = await this.byKey(tx, content.idempotencyKey);
      if (existing) return { row: existing, appended: false };
      const last = (
        await tx.all<Pick<Row, 'seq' | 'hash'>>('SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1')
      )[0];
      const start = chainStart();
      const seq = last ? Number(last.seq) + 1 : 1;
      const prevHash = last?.hash ?? start.hash;
      const row: LedgerRow = { ...content, seq, prevHash, hash: hashOf(seq, content, prevHash) };
      await tx.run(
        `INSERT INTO ledger (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
         ON CONFLICT (idempotency_key) DO NOTHING`,
        [
          row.seq,
          row.idempotencyKey,
          row.employeeId,
          row.action,
          row.actor,
          row.requestedAt,
          row.dueAt,
          row.doneAt,
          row.outcome,
          row.resourceId,
          row.department,
          row.workflowId,
          row.runId,
          row.prevHash,
          row.hash,
        ],
      );
      return { row, appended: true };
    });
  }

  /** The row written for an idempotency key, if any. */
  get(idempotencyKey: string): Promise<LedgerRow | undefined> {
    return this.byKey(this.db, idempotencyKey);
  }

  /** Rows matching a filter, in sequence order. */
  async find(query: LedgerQuery = {}): Promise<LedgerRow[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const param = (value: string) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.actions) where.push(`action IN (${query.actions.map(param).join(', ')})`);
    if (query.employeeIds) where.push(`employee_id IN (${query.employeeIds.map(param).join(', ')})`);
    const instant = query.on === 'due' ? 'COALESCE(due_at, done_at)' : 'done_at';
    if (query.from) where.push(`${instant} >= ${param(query.from)}`);
    if (query.to) where.push(`${instant} < ${param(query.to)}`);
    if (query.actions?.length === 0 || query.employeeIds?.length === 0) return [];
    const rows = await this.db.all<Row>(
      `SELECT ${COLUMNS} FROM ledger ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`,
      params,
    );
    return rows.map(rowOf);
  }

  /**
   * What the ledger says each employee's account should be now: the last write that decided it —
   * provisioned or reactivated (`active`), deactivated (`inactive`), deleted (`gone`) — with its
   * directory id, and the department of the employee's newest row. For the employees given, or all.
   */
  async expectedAccounts(employeeIds?: readonly string[]): Promise<ExpectedAccount[]> {
    if (employeeIds?.length === 0) return [];
    const only = employeeIds ? `AND employee_id IN (${employeeIds.map((_, i) => `$${i + 1}`).join(', ')})` : '';
    const rows = await this.db.all<{
      employee_id: string;
      action: string;
      resource_id: string | null;
      department: string | null;
    }>(
      `SELECT l.employee_id, l.action, l.resource_id,
         (SELECT d.department FROM ledger d WHERE d.employee_id = l.employee_id ORDER BY d.seq DESC LIMIT 1) AS department
       FROM ledger l
       JOIN (SELECT employee_id AS id, MAX(seq) AS last FROM ledger
             WHERE action IN ('provision', 'reactivate', 'deactivate', 'delete')
               AND outcome NOT IN ('refused', 'not-found') ${only}
             GROUP BY employee_id) latest ON l.seq = latest.last`,
      employeeIds ?? [],
    );
    const state = { provision: 'active', reactivate: 'active', deactivate: 'inactive', delete: 'gone' } as const;
    return rows.map((row) => ({
      employeeId: row.employee_id,
      state: state[row.action as keyof typeof state],
      resourceId: row.resource_id,
      department: row.department,
    }));
  }

  /** Checks every link of the chain, a page at a time; answers the first broken one. */
  async verify({ pageSize = 1_000 } = {}): Promise<LedgerVerification> {
    let cursor = chainStart();
    for (;;) {
      const page = (
        await this.db.all<Row>(`SELECT ${COLUMNS} FROM ledger WHERE seq > $1 ORDER BY seq LIMIT $2`, [
          cursor.seq,
          pageSize,
        ])
      ).map(rowOf);
      const checked = checkRows(cursor, page);
      cursor = checked.cursor;
      const head = cursor.seq > 0 ? { seq: cursor.seq, hash: cursor.hash } : null;
      if (checked.broken) return { ok: false, rows: cursor.rows, head, firstBroken: checked.broken };
      if (page.length < pageSize) return { ok: true, rows: cursor.rows, head };
    }
  }

  private async byKey(db: SqlExecutor, idempotencyKey: string): Promise<LedgerRow | undefined> {
    const rows = await db.all<Row>(`SELECT ${COLUMNS} FROM ledger WHERE idempotency_key = $1`, [idempotencyKey]);
    return rows[0] && rowOf(rows[0]);
  }
}
