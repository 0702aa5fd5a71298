import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { SqlDriver, SqlExecutor, SqlValue } from './sql-driver';

/**
 * A statement with `$1`-style parameters as SQLite's anonymous `?`, with the values in the order
 * they appear (a parameter may appear twice).
 */
function positional(sql: string, params: readonly SqlValue[]): [string, SqlValue[]] {
  const values: SqlValue[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= params.length) throw new RangeError(`no value for parameter $${n}`);
    values.push(params[index]!);
    return '?';
  });
  return [text, values];
}

/** One connection to a file, shared by every driver of this process that opened it. */
interface Connection {
  db: BetterSqlite3.Database;
  /** prepared statements by text: the codec runs the same few on every payload */
  statements: Map<string, BetterSqlite3.Statement>;
  /** the end of the chain of calls waiting for the connection */
  queue: Promise<unknown>;
  users: number;
}

// better-sqlite3 waits for another connection's lock synchronously, blocking the event loop: two
// connections of one process to one file would deadlock as soon as a transaction awaits.
// So a process has one connection per file, and its callers queue for it.
const connections = new Map<string, Connection>();

function connect(file: string, busyTimeoutMs: number): Connection {
  const existing = connections.get(file);
  if (existing) {
    existing.users += 1;
    return existing;
  }
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  // Loaded here, not at import: a deployment on PostgreSQL need not have the native module built.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  const db = new Database(file, { timeout: busyTimeoutMs });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const connection: Connection = { db, statements: new Map(), queue: Promise.resolve(), users: 1 };
  if (file !== ':memory:') connections.set(file, connection);
  return connection;
}

/**
 * SQLite through better-sqlite3: a file shared by the processes of one machine (WAL, so readers
 * never wait for a writer; writers wait up to `busyTimeoutMs` for each other). Calls run one at a
 * time on the process's connection, and a transaction holds it until it ends, so that nobody
 * else's statement runs inside it.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite';
  private readonly file: string;
  private readonly connection: Connection;
  private closed = false;

  constructor(file: string, { busyTimeoutMs = 10_000 } = {}) {
    this.file = file === ':memory:' ? file : resolve(file);
    this.connection = connect(this.file, busyTimeoutMs);
  }

  private readonly direct: SqlExecutor = {
    all: async <Row extends object>(sql: string, params: readonly SqlValue[] = []) => {
      const [text, values] = positional(sql, params);
      return this.statement(text).all(...values) as Row[];
    },
    run: async (sql: string, params: readonly SqlValue[] = []) => {
      const [text, values] = positional(sql, params);
      return this.statement(text).run(...values).changes;
    },
  };

  private statement(text: string): BetterSqlite3.Statement {
    const { statements, db } = this.connection;
    let statement = statements.get(text);
    if (!statement) {
      statement = db.prepare(text);
      statements.set(text, statement);
    }
    return statement;
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('the Tenure store is closed'));
    const result = this.connection.queue.then(work, work);
    this.connection.queue = result.catch(() => undefined);
    return result;
  }

  all<Row extends object>(sql: string, params?: readonly SqlValue[]): Promise<Row[]> {
    return this.exclusive(() => this.direct.all<Row>(sql, params));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.exclusive(() => this.direct.run(sql, params));
  }

  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      const { db } = this.connection;
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.direct);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await this.exclusive(async () => {
      this.connection.users -= 1;
      if (this.connection.users > 0) return;
      connections.delete(this.file);
      this.connection.db.close();
    });
    this.closed = true;
  }
}
