import { createHash } from 'node:crypto';

/**
 * The ledger's hash chain, apart from any database: what a row's hash covers and how a run of rows
 * is checked. Each row's hash is SHA-256 over its content (sequence number included, so rows cannot
 * be reordered) and the previous row's hash, so that editing, inserting or deleting any row breaks
 * every link after it.
 */

/** The hash the first row links to. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a ledger row says, without its place in the chain. */
export interface LedgerContent {
  /** `employee-<employeeId>` + the action's slot: one row per action, however often it is retried */
  idempotencyKey: string;
  /** the HR system's id only: the ledger outlives the employee's data key (no names, no e-mails) */
  employeeId: string;
  /** what was done or decided: `deactivate`, `delete`, `read-back:deactivate`, `decision:leave`… */
  action: string;
  /** `role:name` of the principal, or `tenure:<rule>` when Tenure acted on its own */
  actor: string;
  requestedAt: string | null;
  dueAt: string | null;
  doneAt: string;
  /** the directory's answer (`deactivated`, `not-found`, `confirmed`, `mismatch`…) */
  outcome: string;
  /** the directory's resource id (the Workplace user id) */
  resourceId: string | null;
  department: string | null;
  workflowId: string;
  runId: string;
}

/** A row as stored: its content, its place (`seq`, 1, 2, …) and its links. */
export interface LedgerRow extends LedgerContent {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The content in a fixed field order: the bytes the hash covers. */
function canonical(seq: number, content: LedgerContent): string {
  return JSON.stringify([
    seq,
    content.idempotencyKey,
    content.employeeId,
    content.action,
    content.actor,
    content.requestedAt,
    content.dueAt,
    content.doneAt,
    content.outcome,
    content.resourceId,
    content.department,
    content.workflowId,
    content.runId,
  ]);
}

/** The hash of a row at `seq` after a row whose hash is `prevHash`. */
export function hashOf(seq: number, content: LedgerContent, prevHash: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(seq, content)).digest('hex');
}

/** Why a link is broken. */
export type BrokenLink =
  | { seq: number; problem: 'content-changed'; detail: string }
  | { seq: number; problem: 'previous-hash-mismatch'; detail: string }
  | { seq: number; problem: 'rows-missing'; detail: string };

/** Where a verification stands after the rows it has seen so far. */
export interface ChainCursor {
  /** the sequence number and hash of the last row seen (0 and the genesis hash before any) */
  seq: number;
  hash: string;
  rows: number;
}

export const chainStart = (): ChainCursor => ({ seq: 0, hash: GENESIS_HASH, rows: 0 });

/**
 * Checks the next rows (in sequence order) against the cursor; answers the cursor moved past the
 * rows that check out and, if one does not, the first broken link. A missing row shows as a gap in
 * the sequence; an edited row as a hash its content does not give; an edited row whose hash was
 * recomputed as a next row that no longer links to it.
 */
export function checkRows(
  start: ChainCursor,
  rows: readonly LedgerRow[],
): { cursor: ChainCursor; broken?: BrokenLink } {
  const cursor = { ...start };
  for (const row of rows) {
    const broken = checkRow(cursor, row);
    if (broken) return { cursor, broken };
    cursor.seq = row.seq;
    cursor.hash = row.hash;
    cursor.rows += 1;
  }
  return { cursor };
}

function checkRow({ seq, hash }: ChainCursor, row: LedgerRow): BrokenLink | undefined {
  if (row.seq !== seq + 1) {
    const range = row.seq > seq + 2 ? `rows ${seq + 1}–${row.seq - 1} are` : `row ${seq + 1} is`;
    return { seq: seq + 1, problem: 'rows-missing', detail: `${range} missing (the next row is ${row.seq})` };
  }
  if (row.prevHash !== hash) {
    return {
      seq: row.seq,
      problem: 'previous-hash-mismatch',
      detail: `row ${row.seq} links to ${row.prevHash.slice(0, 12)}…, the row before it hashes to ${hash.slice(0, 12)}…`,
    };
  }
  const expected = hashOf(row.seq, row, row.prevHash);
  if (row.hash !== expected) {
    return {
      seq: row.seq,
      problem: 'content-changed',
      detail: `row ${row.seq}'s content hashes to ${expected.slice(0, 12)}…, not the stored ${row.hash.slice(0, 12)}…`,
    };
  }
  return undefined;
}
