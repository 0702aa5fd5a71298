import { Pool, types, type PoolClient } from 'pg';
import type { SqlDriver, SqlExecutor, SqlValue } from './sql-driver';

// BIGINT (count(*), sums) as a JavaScript number: the store's counts and versions are small.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

const executorOf = (client: Pool | PoolClient): SqlExecutor => ({
  all: async <Row extends object>(sql: string, params: readonly SqlValue[] = []) =>
    (await client.query(sql, [...params])).rows as Row[],
  run: async (sql: string, params: readonly SqlValue[] = []) => (await client.query(sql, [...params])).rowCount ?? 0,
});

/** PostgreSQL through a `pg` pool: the store of a deployment with several workers and API replicas. */
export class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres';
  private readonly pool: Pool;
  private readonly executor: SqlExecutor;

  constructor(url: string, { maxConnections = 5 } = {}) {
    this.pool = new Pool({ connectionString: url, max: maxConnections });
    // An idle client that loses its server must not crash the process; the next query reconnects.
    this.pool.on('error', () => undefined);
    this.executor = executorOf(this.pool);
  }

  all<Row extends object>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    return this.executor.all<Row>(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.executor.run(sql, params);
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // A checked-out client has no pool listener: a server that goes away between two of the
    // transaction's queries would emit an unhandled 'error' and end the process (a worker died so
    // when PostgreSQL restarted under load). The error fails the transaction's next query instead.
    let lost: Error | undefined;
    const onError = (error: Error) => {
      lost = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(executorOf(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (!lost) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', onError);
      // A client whose connection broke is destroyed, not handed to the next caller.
      client.release(lost);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
