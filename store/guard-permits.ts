import { randomUUID } from 'node:crypto';
import type { SqlDriver, SqlExecutor } from './sql-driver';

/**
 * The `guard_permits` and `guard_decisions` tables: the blast-radius brake's state. Every
 * destructive action (deactivate; delete or scrub) claims a permit for its slot before it calls the
 * directory. Claims are serialised (SQLite's `BEGIN IMMEDIATE`, a PostgreSQL advisory lock) and
 * keyed by slot, so that the count is exact under any concurrency, survives restarts of every
 * process, and a retried or replayed claim answers its first outcome without counting again.
 */

/** Where a permit stands. `granted` and `released` permits count against the limits. */
export type PermitState = 'granted' | 'held' | 'released' | 'rejected';

/** What a lifecycle asks for: one destructive action of one employee. */
export interface PermitRequest {
  /** workflow id, employment, cycle, action and attempt: one per destructive action ever taken */
  slot: string;
  employeeId: string;
  action: string;
  /** an HR-requested immediate leave of one employee: never held, but counted */
  urgent: boolean;
}

/** The brake's limits at the moment of a claim. */
export interface GuardLimits {
  perHour: number;
  perDay: number;
}

/** A held permit, as operators see it in the queue. */
export interface HeldPermit {
  slot: string;
  employeeId: string;
  action: string;
  requestedAt: string;
}

/** One operator decision, as recorded. */
export interface GuardDecision {
  id: string;
  decidedAt: string;
  principal: string;
  decision: 'released' | 'rejected';
  slots: string[];
  note?: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Any constant: the advisory lock that serialises claims and decisions on one PostgreSQL database.
const GUARD_LOCK = 7_462_832;

const iso = (ms: number | string | null) => new Date(Number(ms)).toISOString();

export class GuardPermits {
  constructor(private readonly db: SqlDriver) {}

  private async locked<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      if (this.db.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock($1)', [GUARD_LOCK]);
      return work(tx);
    });
  }

  /**
   * Claims a permit: its earlier outcome when the slot was claimed before; otherwise granted (and
   * counted) when the request is urgent, or when nothing is held and both limits have room; held
   * otherwise. `engaged` says whether this claim engaged the brake (the first one held).
   */
  async claim(
    request: PermitRequest,
    limits: GuardLimits,
    now: number,
  ): Promise<{ state: PermitState; engaged: boolean }> {
    return this.locked(async (tx) => {
      const existing = await tx.all<{ state: PermitState }>('SELECT state FROM guard_permits WHERE slot = $1', [
        request.slot,
      ]);
      if (existing[0]) return { state: existing[0].state, engaged: false };
      const { held, hour, day } = await counts(tx, now);
      // Once engaged, the brake stays engaged until operators have decided on every held action:
      // a bad batch must not trickle through at the hourly rate.
      const room = held === 0 && hour < limits.perHour && day < limits.perDay;
      const state: PermitState = request.urgent || room ? 'granted' : 'held';
      await tx.run(
        `INSERT INTO guard_permits (slot, employee_id, action, state, urgent, requested_at, counted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          request.slot,
          request.employeeId,
          request.action,
          state,
          request.urgent ? 1 : 0,
          now,
          state === 'granted' ? now : null,
        ],
      );
      return { state, engaged: state === 'held' && held === 0 };
    });
  }

  /**
   * Gives a held permit back: the lifecycle no longer plans its action (the leave was removed, a
   * rehire came). Deleted, so that it no longer keeps the brake engaged and a later claim of the
   * slot is a new one; a permit operators decided meanwhile is left as it is. True when withdrawn.
   */
  async withdraw(slot: string): Promise<boolean> {
    return this.locked(
      async (tx) => (await tx.run(`DELETE FROM guard_permits WHERE slot = $1 AND state = 'held'`, [slot])) > 0,
    );
  }

  /** The held permits, oldest first. */
  async held(limit = 1000): Promise<HeldPermit[]> {
    const rows = await this.db.all<{ slot: string; employee_id: string; action: string; requested_at: string }>(
      `SELECT slot, employee_id, action, requested_at FROM guard_permits WHERE state = 'held'
       ORDER BY requested_at, slot LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      slot: r.slot,
      employeeId: r.employee_id,
      action: r.action,
      requestedAt: iso(r.requested_at),
    }));
  }

  /** Destructive actions counted in the last hour and the last day, and how many are held. */
  async counts(now: number): Promise<{ held: number; hour: number; day: number }> {
    return counts(this.db, now);
  }

  /**
   * Releases or rejects held permits — the ones named, or all — and records the decision with its
   * principal. A released permit counts from now. Answers the permits decided (already decided
   * ones are left as they are).
   */
  async decide(
    decision: 'released' | 'rejected',
    which: readonly string[] | 'all',
    principal: string,
    now: number,
    note?: string,
  ): Promise<{ decision: GuardDecision; permits: HeldPermit[] }> {
    return this.locked(async (tx) => {
      const held = (
        await tx.all<{ slot: string; employee_id: string; action: string; requested_at: string }>(
          `SELECT slot, employee_id, action, requested_at FROM guard_permits WHERE state = 'held' ORDER BY requested_at, slot`,
        )
      ).filter((r) => which === 'all' || which.includes(r.slot));
      for (const row of held) {
        await tx.run(
          `UPDATE guard_permits SET state = $1, decided_at = $2, decided_by = $3, counted_at = $4 WHERE slot = $5`,
          [decision, now, principal, decision === 'released' ? now : null, row.slot],
        );
      }
      const record: GuardDecision = {
        id: randomUUID(),
        decidedAt: iso(now),
        principal,
        decision,
        slots: held.map((r) => r.slot),
        ...(note ? { note } : {}),
      };
      await tx.run(
        'INSERT INTO guard_decisions (id, decided_at, principal, decision, slots, note) VALUES ($1, $2, $3, $4, $5, $6)',
        [record.id, now, principal, decision, JSON.stringify(record.slots), note ?? null],
      );
      const permits = held.map((r) => ({
        slot: r.slot,
        employeeId: r.employee_id,
        action: r.action,
        requestedAt: iso(r.requested_at),
      }));
      return { decision: record, permits };
    });
  }

  /** The latest decisions, newest first. */
  async decisions(limit = 50): Promise<GuardDecision[]> {
    const rows = await this.db.all<{
      id: string;
      decided_at: string;
      principal: string;
      decision: 'released' | 'rejected';
      slots: string;
      note: string | null;
    }>(
      'SELECT id, decided_at, principal, decision, slots, note FROM guard_decisions ORDER BY decided_at DESC, id LIMIT $1',
      [limit],
    );
    return rows.map((r) => ({
      id: r.id,
      decidedAt: iso(r.decided_at),
      principal: r.principal,
      decision: r.decision,
      slots: JSON.parse(r.slots) as string[],
      ...(r.note ? { note: r.note } : {}),
    }));
  }
}

async function counts(db: SqlExecutor, now: number): Promise<{ held: number; hour: number; day: number }> {
  const [row] = await db.all<{ held: unknown; hour: unknown; day: unknown }>(
    `SELECT
       SUM(CASE WHEN state = 'held' THEN 1 ELSE 0 END) AS held,
       SUM(CASE WHEN counted_at > $1 THEN 1 ELSE 0 END) AS hour,
       SUM(CASE WHEN counted_at > $2 THEN 1 ELSE 0 END) AS day
     FROM guard_permits WHERE state = 'held' OR counted_at > $2`,
    [now - HOUR, now - DAY],
  );
  return { held: Number(row?.held ?? 0), hour: Number(row?.hour ?? 0), day: Number(row?.day ?? 0) };
}
