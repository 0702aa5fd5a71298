/**
 * What the store needs of a database, whichever it is: SQL with numbered parameters (`$1`, `$2`…,
 * PostgreSQL's syntax; the SQLite driver translates them), rows as plain objects, and transactions.
 */

/** A value bound to a statement parameter. */
export type SqlValue = string | number | bigint | Buffer | null;

/** The statements every driver runs, inside or outside a transaction. */
export interface SqlExecutor {
  /** Runs a query and answers its rows. */
  all<Row extends object>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** Runs a statement and answers how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/** A database connection (or pool) behind one async interface. */
export interface SqlDriver extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs `work` in one transaction that writers serialise on (SQLite's `BEGIN IMMEDIATE`,
   * PostgreSQL's transaction plus the locks `work` takes); commits when it resolves, rolls back
   * when it throws.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
