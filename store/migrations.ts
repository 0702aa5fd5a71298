import type { SqlDriver, SqlExecutor } from './sql-driver';

/** One step of the store's schema, in each dialect; applied once, in version order, never edited after release. */
export interface Migration {
  version: number;
  name: string;
  sql: Record<SqlDriver['dialect'], string>;
}

/** Version 1: the data keys, the same in both dialects but for the binary type. */
function dataKeysTable(binary: 'BLOB' | 'BYTEA'): string {
  return `
    CREATE TABLE data_keys (
      owner TEXT NOT NULL,
      version INTEGER NOT NULL,
      wrapped_key ${binary},
      master_key_id TEXT,
      created_at TEXT NOT NULL,
      rewrapped_at TEXT,
      erase_after TEXT,
      erased_at TEXT,
      PRIMARY KEY (owner, version)
    );
    CREATE INDEX data_keys_master_key ON data_keys (master_key_id) WHERE erased_at IS NULL;
    CREATE INDEX data_keys_erase_due ON data_keys (erase_after) WHERE erased_at IS NULL;`;
}

/** Version 2: the audit ledger, the same in both dialects but for the sequence number's type. */
function ledgerTable(integer: 'INTEGER' | 'BIGINT'): string {
  return `
    CREATE TABLE ledger (
      seq ${integer} PRIMARY KEY,
      idempotency_key TEXT NOT NULL UNIQUE,
      employee_id TEXT NOT NULL,
      action TEXT NOT NULL,
      actor TEXT NOT NULL,
      requested_at TEXT,
      due_at TEXT,
      done_at TEXT NOT NULL,
      outcome TEXT NOT NULL,
      resource_id TEXT,
      department TEXT,
      workflow_id TEXT NOT NULL,
      run_id TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    );
    CREATE INDEX ledger_action_done ON ledger (action, done_at);
    CREATE INDEX ledger_employee ON ledger (employee_id, seq);`;
}

/** Version 3: the reconciliation runs, findings as JSON text (small: ids and classes). */
const RECONCILIATION_RUNS = `
  CREATE TABLE reconciliation_runs (
    id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    summary TEXT NOT NULL,
    findings TEXT NOT NULL
  );
  CREATE INDEX reconciliation_runs_finished ON reconciliation_runs (finished_at)`;

/**
 * Version 4: the guard's permits and its operators' decisions. A permit is one destructive action
 * of one lifecycle, keyed by its slot (workflow id, employment, cycle, action, attempt), so that a
 * retried or replayed claim finds its own row and never counts twice. Instants are epoch milliseconds.
 */
function guardTables(): string {
  return `
    CREATE TABLE guard_permits (
      slot TEXT PRIMARY KEY,
      employee_id TEXT NOT NULL,
      action TEXT NOT NULL,
      state TEXT NOT NULL,
      urgent INTEGER NOT NULL,
      requested_at BIGINT NOT NULL,
      counted_at BIGINT,
      decided_at BIGINT,
      decided_by TEXT
    );
    CREATE INDEX guard_permits_counted ON guard_permits (counted_at);
    CREATE INDEX guard_permits_state ON guard_permits (state, requested_at);
    CREATE TABLE guard_decisions (
      id TEXT PRIMARY KEY,
      decided_at BIGINT NOT NULL,
      principal TEXT NOT NULL,
      decision TEXT NOT NULL,
      slots TEXT NOT NULL,
      note TEXT
    );
    CREATE INDEX guard_decisions_at ON guard_decisions (decided_at)`;
}

/**
 * The store's schema, oldest first. Append a step to change it; never edit or reorder a released
 * one: deployments have applied it.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'data-keys',
    // One row per data key: `owner` is `employee:<employeeId>` (one key per employment: a new
    // version after an erasure) or `fleet` (payloads of no employee). Erasure drops the wrapped key
    // and keeps the row, so that the codec can tell "erased" from "never existed".
    sql: { sqlite: dataKeysTable('BLOB'), postgres: dataKeysTable('BYTEA') },
  },
  {
    version: 2,
    name: 'ledger',
    // Append-only, hash-chained (store/ledger-chain.ts): one row per lifecycle decision and
    // directory write. Employee ids only, never names or e-mails: the ledger outlives the
    // employee's data key. `seq` is given by the appender (1, 2, … without gaps), not generated,
    // so that a deleted row shows as a gap.
    sql: { sqlite: ledgerTable('INTEGER'), postgres: ledgerTable('BIGINT') },
  },
  {
    version: 3,
    name: 'reconciliation-runs',
    // The directory reconciler's runs: when, what it counted, what it found (ids only). The
    // latest is what GET /v1/reports/reconciliation shows; what it changed is in the ledger.
    sql: {
      sqlite: RECONCILIATION_RUNS,
      postgres: RECONCILIATION_RUNS,
    },
  },
  { version: 4, name: 'guard-permits', sql: { sqlite: guardTables(), postgres: guardTables() } },
];

// Any constant: the advisory lock that serialises processes migrating one PostgreSQL database at once.
const MIGRATION_LOCK = 7_462_831;

/**
 * Applies the migrations not applied yet, each in its own transaction with its `schema_migrations`
 * row. Several processes may start at once (worker and API): writers are serialised (SQLite's
 * `BEGIN IMMEDIATE`, a PostgreSQL advisory lock) and each re-reads what is applied once it holds
 * the lock. A database newer than this code (an unknown version) is refused.
 */
export async function migrate(db: SqlDriver, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const locked = async (tx: SqlExecutor) => {
    if (db.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  };
  await db.transaction(async (tx) => {
    await locked(tx);
    await tx.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
  });
  const applied: number[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      await locked(tx);
      const rows = await tx.all<{ version: number }>('SELECT version FROM schema_migrations WHERE version = $1', [
        migration.version,
      ]);
      if (rows.length > 0) return false;
      for (const statement of splitStatements(migration.sql[db.dialect])) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
      return true;
    });
    if (done) applied.push(migration.version);
  }
  const known = new Set(migrations.map((m) => m.version));
  const unknown = (await db.all<{ version: number }>('SELECT version FROM schema_migrations')).filter(
    (row) => !known.has(Number(row.version)),
  );
  if (unknown.length > 0) {
    throw new Error(
      `the Tenure store has schema versions this code does not know (${unknown.map((r) => r.version).join(', ')}): run a newer Tenure`,
    );
  }
  return applied;
}

/** The statements of a migration (none of Tenure's contains a `;` inside a literal). */
function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((statement) => statement.trim())
    .filter(Boolean);
}
