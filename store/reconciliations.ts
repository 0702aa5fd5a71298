import type { SqlExecutor } from './sql-driver';

/** What the reconciler found: one account or employee, its class, and what was done about it. */
export interface ReconciliationFinding {
  class: 'orphan' | 're-enabled-leaver' | 'missing' | 'attribute-drift';
  /** the directory's id, when the account exists */
  userId?: string;
  /** the employee id (the account's externalId), when there is one */
  employeeId?: string;
  /**
   * `deactivated` (a re-enabled leaver turned off again), `resynced` (the employee's lifecycle told
   * to write its profile again), `reported`, or `protected` (on the list: never touched)
   */
  action: 'deactivated' | 'resynced' | 'reported' | 'protected';
  detail: string;
}

/** A finished reconciliation run. */
export interface ReconciliationRun {
  id: string;
  startedAt: string;
  finishedAt: string;
  summary: {
    accounts: number;
    pages: number;
    orphan: number;
    reEnabledLeaver: number;
    missing: number;
    attributeDrift: number;
    fixed: number;
    /** findings still open after the run: everything but the fixed ones */
    open: number;
  };
  findings: ReconciliationFinding[];
}

interface Row {
  id: string;
  started_at: string;
  finished_at: string;
  summary: string;
  findings: string;
}

/** The `reconciliation_runs` table: one row per finished run, the findings as JSON. */
export class ReconciliationTable {
  constructor(private readonly db: SqlExecutor) {}

  /** Records a run; recording it again (a retried activity) changes nothing. */
  async record(run: ReconciliationRun): Promise<void> {
    await this.db.run(
      `INSERT INTO reconciliation_runs (id, started_at, finished_at, summary, findings) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO NOTHING`,
      [run.id, run.startedAt, run.finishedAt, JSON.stringify(run.summary), JSON.stringify(run.findings)],
    );
  }

  /** The run that finished last, if any. */
  async latest(): Promise<ReconciliationRun | undefined> {
    const [row] = await this.db.all<Row>(
      'SELECT id, started_at, finished_at, summary, findings FROM reconciliation_runs ORDER BY finished_at DESC LIMIT 1',
    );
    return (
      row && {
        id: row.id,
        startedAt: row.started_at,
        finishedAt: row.finished_at,
        summary: JSON.parse(row.summary) as ReconciliationRun['summary'],
        findings: JSON.parse(row.findings) as ReconciliationFinding[],
      }
    );
  }
}
