import { Pool, types, type PoolClient } from 'pg';
import type { SqlDriver, SqlExecutor, SqlValue } from './sql-driver';

// BIGINT (count(*), sums) as a JavaScript number: the store's counts and versions are small.
types.setTypeParser(types.builtins.INT8, (value) => Number(value));

/** How long a statement waits for a PostgreSQL server that refuses connections (a restart) before failing. */
const RECONNECT_FOR_MS = 30_000;

/**
 * The server could not be reached or is still starting: the statement was never sent, so sending
 * it again cannot apply it twice.
 */
function notSent(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e.code === 'ECONNREFUSED' ||
    e.code === '57P03' || // cannot_connect_now: starting up or shutting down
    /timeout exceeded when trying to connect/i.test(e.message ?? '')
  );
}

/** The connection broke under the statement (a server killed or restarted): harmless to repeat a read. */
function connectionLost(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return e.code === '57P01' || /Connection terminated|ECONNRESET/i.test(e.message ?? '');
}

const isRead = (sql: string) => /^\s*select\b/i.test(sql);

/**
 * Runs `attempt` again while the server refuses connections (and, for a read, while connections
 * break under it), up to RECONNECT_FOR_MS: a worker
 * decoding a payload needs a data key, and a failed decode takes the whole worker down (the SDK
 * cannot dispose of the workflow's context), so a PostgreSQL restart must be waited out, not
 * reported at once.
 */
async function reconnecting<T>(attempt: () => Promise<T>, read = false): Promise<T> {
  const deadline = Date.now() + RECONNECT_FOR_MS;
  for (let delay = 100; ; delay = Math.min(delay * 2, 2_000)) {
    try {
      return await attempt();
    } catch (error) {
      const again = notSent(error) || (read && connectionLost(error));
      if (!again || Date.now() + delay > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

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
    return reconnecting(() => this.executor.all<Row>(sql, params), isRead(sql));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return reconnecting(() => this.executor.run(sql, params));
  }

  async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    const client = await reconnecting(() => this.pool.connect());
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
