import { spawnSync } from 'node:child_process';
import { findPostgresBinDir, startPostgres, type PostgresServer } from '../../scripts/lib/postgres';
import { freePort } from '../../scripts/lib/free-port';

const psql = (server: PostgresServer, database: string, sql: string) =>
  spawnSync(`${findPostgresBinDir()}/psql`, [server.url(database), '-qAtc', sql], { encoding: 'utf8' });

describe('a throw-away PostgreSQL server', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres({ port: await freePort(), log: (l) => process.stderr.write(l + '\n') });
  }, 60_000);
  afterAll(async () => {
    await server?.stop({ remove: true });
  });

  it('accepts connections and creates databases', async () => {
    await server.createDatabase('tenure_test');
    await server.createDatabase('tenure_test');
    expect(psql(server, 'tenure_test', 'select 40 + 2').stdout.trim()).toBe('42');
  });

  it('keeps its data across a kill and a restart on the same folder', async () => {
    await server.createDatabase('kept');
    expect(psql(server, 'kept', 'create table t (v int); insert into t values (7)').status).toBe(0);
    await server.stop({ kill: true });
    expect(psql(server, 'kept', 'select v from t').status).not.toBe(0);
    await server.start();
    expect(psql(server, 'kept', 'select v from t').stdout.trim()).toBe('7');
  }, 60_000);
});
