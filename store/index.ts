import type { StoreConfig } from './config';
import { DataKeyTable } from './data-keys';
import { GuardPermits } from './guard-permits';
import { LedgerTable } from './ledger';
import { ReconciliationTable } from './reconciliations';
import { migrate } from './migrations';
import { PostgresDriver } from './postgres-driver';
import type { SqlDriver } from './sql-driver';
import { SqliteDriver } from './sqlite-driver';

/** Tenure's own database: its tables, over SQLite or PostgreSQL, migrated to the current schema. */
export interface TenureStore {
  readonly dialect: SqlDriver['dialect'];
  readonly dataKeys: DataKeyTable;
  /** the guard's permits and decisions (the blast-radius brake) */
  readonly guardPermits: GuardPermits;

  readonly ledger: LedgerTable;
  readonly reconciliations: ReconciliationTable;
  /** the driver itself, for what has no table class (tests, reports' own queries) */
  readonly sql: SqlDriver;
  close(): Promise<void>;
}

/** Opens the store and brings its schema up to date (every process does, at start). */
export async function openStore(config: StoreConfig): Promise<TenureStore> {
  const sql: SqlDriver = config.kind === 'sqlite' ? new SqliteDriver(config.file) : new PostgresDriver(config.url);
  try {
    await migrate(sql);
  } catch (error) {
    await sql.close().catch(() => undefined);
    throw error;
  }
  return {
    dialect: sql.dialect,
    dataKeys: new DataKeyTable(sql),
    guardPermits: new GuardPermits(sql),
    ledger: new LedgerTable(sql),
    reconciliations: new ReconciliationTable(sql),
    sql,
    close: () => sql.close(),
  };
}

export { describeStore, loadStoreConfig, storeEnvSchema, type StoreConfig } from './config';
export type { DataKeyRecord } from './data-keys';
export {
  GuardPermits,
  type GuardDecision,
  type GuardLimits,
  type HeldPermit,
  type PermitRequest,
  type PermitState,
} from './guard-permits';
export type { ExpectedAccount, LedgerQuery, LedgerTable, LedgerVerification } from './ledger';
export type { ReconciliationFinding, ReconciliationRun } from './reconciliations';
export { GENESIS_HASH, type BrokenLink, type LedgerContent, type LedgerRow } from './ledger-chain';
export { MIGRATIONS } from './migrations';
