import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type PostgresServer } from '../../scripts/lib/postgres';
import type { StoreConfig } from '../../store';
import { freePort } from '../../scripts/lib/free-port';

/** A place for a store: a fresh location on each call, everything removed by `close()`. */
export interface StoreSite {
  driver: StoreConfig['kind'];
  /** a new, empty store location */
  fresh(): Promise<StoreConfig>;
  /** the environment that points a process at a location */
  envOf(config: StoreConfig): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

let databases = 0;

/** A folder for SQLite files. */
export async function sqliteSite(): Promise<StoreSite> {
  const dir = await mkdtemp(join(process.env.TENURE_TEST_DIR ?? tmpdir(), 'store-'));
  return {
    driver: 'sqlite',
    async fresh() {
      return { kind: 'sqlite', file: join(dir, `site-${++databases}`, 'tenure.db') };
    },
    envOf: (config) => (config.kind === 'sqlite' ? { TENURE_DATA_DIR: join(config.file, '..') } : {}),
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

/** A real, throw-away PostgreSQL server (scripts/lib/postgres.ts); each location is a database of its own. */
export async function postgresSite(): Promise<StoreSite> {
  const server: PostgresServer = await startPostgres({ port: await freePort() });
  return {
    driver: 'postgres',
    async fresh() {
      const name = `tenure_${process.pid}_${++databases}`;
      await server.createDatabase(name);
      return { kind: 'postgres', url: server.url(name) };
    },
    envOf: (config) => (config.kind === 'postgres' ? { TENURE_DATABASE_URL: config.url } : {}),
    close: () => server.stop({ remove: true }),
  };
}

/** Runs a suite once on SQLite and once on PostgreSQL, each with its site started before and closed after. */
export function describeEachStore(title: string, suite: (site: () => StoreSite) => void): void {
  for (const [driver, start] of [
    ['sqlite', sqliteSite],
    ['postgres', postgresSite],
  ] as const) {
    describe(`${title} (${driver})`, () => {
      let site: StoreSite | undefined;
      beforeAll(async () => {
        site = await start();
      }, 60_000);
      afterAll(async () => {
        await site?.close();
      });
      suite(() => {
        if (!site) throw new Error(`the ${driver} site did not start`);
        return site;
      });
    });
  }
}
