/**
 * The PostgreSQL store when its server restarts: the process lives on, the transaction in flight
 * fails, and the next query reconnects (regression: a worker died on an unhandled 'error' of a
 * checked-out client when PostgreSQL was killed under load in the cluster test).
 */
import { startPostgres, type PostgresServer } from '../../scripts/lib/postgres';
import { freePort } from '../../scripts/lib/free-port';
import { PostgresDriver } from '../../store/postgres-driver';

let server: PostgresServer;
let driver: PostgresDriver;

beforeAll(async () => {
  server = await startPostgres({ port: await freePort() });
  driver = new PostgresDriver(server.url());
}, 60_000);

afterAll(async () => {
  await driver?.close();
  await server?.stop({ remove: true });
});

describe('the PostgreSQL store across a server restart', () => {
  it('fails the transaction that held a connection when the server was killed, and serves the next query after it is back', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = driver.transaction(async (tx) => {
      await tx.all('SELECT 1');
      await held;
      return tx.all('SELECT 2');
    });
    const outcome = transaction.then(
      () => 'committed',
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));

    await server.stop({ kill: true });
    await server.start();
    release();

    expect(await outcome).not.toBe('committed');
    expect(await driver.all<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
  }, 60_000);

  it('waits out a restart: a query sent while the server is down is answered once it is back', async () => {
    await server.stop({ kill: true });
    const answered = driver.all<{ one: number }>('SELECT 1 AS one');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await server.start();
    expect(await answered).toEqual([{ one: 1 }]);
  }, 60_000);
});
