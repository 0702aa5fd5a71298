import { MIGRATIONS, openStore, type TenureStore } from '../../store';
import { migrate, type Migration } from '../../store/migrations';
import { describeEachStore } from '../helpers/store-drivers';

const key = (owner: string, version: number) => ({
  owner,
  version,
  wrappedKey: Buffer.from(`wrapped ${owner} ${version}`),
  masterKeyId: 'm1',
  createdAt: '2026-12-01T10:00:00.000Z',
});

describeEachStore('the Tenure store', (site) => {
  let store: TenureStore;
  beforeEach(async () => {
    store = await openStore(await site().fresh());
  });
  afterEach(async () => {
    await store.close();
  });

  it('applies every migration once and records it in schema_migrations', async () => {
    const rows = await store.sql.all<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => [Number(r.version), r.name])).toEqual(MIGRATIONS.map((m) => [m.version, m.name]));
    expect(await migrate(store.sql)).toEqual([]);
  });

  it('applies a new migration appended to the list on the next start, and only that one', async () => {
    const next: Migration = {
      version: Math.max(...MIGRATIONS.map((m) => m.version)) + 1,
      name: 'probe',
      sql: { sqlite: 'CREATE TABLE probe (id INTEGER)', postgres: 'CREATE TABLE probe (id INTEGER)' },
    };
    expect(await migrate(store.sql, [...MIGRATIONS, next])).toEqual([next.version]);
    expect(await store.sql.all('SELECT id FROM probe')).toEqual([]);
  });

  it('refuses a database migrated by a newer Tenure', async () => {
    await store.sql.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, $1, $2)', [
      'from the future',
      new Date().toISOString(),
    ]);
    await expect(migrate(store.sql)).rejects.toThrow(/schema versions this code does not know \(999\)/);
  });

  it('lets processes that start at once migrate the same database without a conflict', async () => {
    const config = await site().fresh();
    const stores = await Promise.all([openStore(config), openStore(config), openStore(config)]);
    try {
      const rows = await stores[0].sql.all('SELECT version FROM schema_migrations');
      expect(rows).toHaveLength(MIGRATIONS.length);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('keeps one row per owner and version: a second insert of the same version is refused, not an error', async () => {
    expect(await store.dataKeys.insert(key('employee:E1', 1))).toBe(true);
    expect(await store.dataKeys.insert({ ...key('employee:E1', 1), wrappedKey: Buffer.from('other') })).toBe(false);
    expect((await store.dataKeys.get('employee:E1', 1))?.wrappedKey?.toString()).toBe('wrapped employee:E1 1');
    expect(await store.dataKeys.insert(key('employee:E1', 2))).toBe(true);
    expect((await store.dataKeys.newest('employee:E1'))?.version).toBe(2);
    expect(await store.dataKeys.newest('employee:E2')).toBeUndefined();
  });

  it('erases a key when its erasure falls due, keeping the row without key material', async () => {
    await store.dataKeys.insert(key('employee:E1', 1));
    expect(await store.dataKeys.requestErasure('employee:E1', '2026-12-02T00:00:00.000Z')).toBe(1);
    // Asking again never postpones it.
    expect(await store.dataKeys.requestErasure('employee:E1', '2027-01-01T00:00:00.000Z')).toBe(0);
    expect(await store.dataKeys.eraseDue('2026-12-01T23:59:59.999Z')).toBe(0);
    expect(await store.dataKeys.eraseDue('2026-12-02T00:00:00.000Z')).toBe(1);
    expect(await store.dataKeys.get('employee:E1', 1)).toMatchObject({
      wrappedKey: null,
      masterKeyId: null,
      erasedAt: '2026-12-02T00:00:00.000Z',
    });
  });

  it('re-wraps a key only if nobody changed it since it was read', async () => {
    await store.dataKeys.insert(key('fleet', 1));
    const from = { owner: 'fleet', version: 1, fromMasterKeyId: 'm1' };
    expect(await store.dataKeys.rewrap(from, Buffer.from('new'), 'm2', '2026-12-03T00:00:00.000Z')).toBe(true);
    expect(await store.dataKeys.rewrap(from, Buffer.from('newer'), 'm3', '2026-12-03T00:00:00.000Z')).toBe(false);
    expect(await store.dataKeys.get('fleet', 1)).toMatchObject({ masterKeyId: 'm2', wrappedKey: Buffer.from('new') });
    expect(await store.dataKeys.countByMasterKey()).toEqual({ m2: 1 });
  });

  it('rolls a transaction back when its work throws', async () => {
    await expect(
      store.sql.transaction(async (tx) => {
        await tx.run(
          'INSERT INTO data_keys (owner, version, wrapped_key, master_key_id, created_at) VALUES ($1, 1, $2, $3, $4)',
          ['employee:R', Buffer.from('x'), 'm1', new Date().toISOString()],
        );
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.dataKeys.newest('employee:R')).toBeUndefined();
  });
});
