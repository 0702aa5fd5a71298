import { openStore, type PermitRequest, type TenureStore } from '../../store';
import { describeEachStore } from '../helpers/store-drivers';

const T0 = Date.parse('2026-12-01T10:00:00Z');
const MINUTE = 60_000;
const request = (n: number, urgent = false): PermitRequest => ({
  slot: `employee-E${n}:e1:c1:deactivate:0`,
  employeeId: `E${n}`,
  action: 'deactivate',
  urgent,
});
const limits = { perHour: 3, perDay: 10 };

describeEachStore('the guard permits', (site) => {
  let store: TenureStore;
  beforeEach(async () => {
    store = await openStore(await site().fresh());
  });
  afterEach(async () => {
    await store.close();
  });

  it('grants up to the hourly limit, then holds every further action until operators decide', async () => {
    const states = [];
    for (let n = 1; n <= 5; n++) states.push((await store.guardPermits.claim(request(n), limits, T0 + n)).state);
    expect(states).toEqual(['granted', 'granted', 'granted', 'held', 'held']);
    // An hour later the hourly window has room again, but the brake stays engaged while any is held.
    expect((await store.guardPermits.claim(request(6), limits, T0 + 61 * MINUTE)).state).toBe('held');
    expect(await store.guardPermits.counts(T0 + 10)).toEqual({ held: 3, hour: 3, day: 3 });
  });

  it('says which claim engaged the brake: the first one held', async () => {
    const engaged = [];
    for (let n = 1; n <= 5; n++) engaged.push((await store.guardPermits.claim(request(n), limits, T0)).engaged);
    expect(engaged).toEqual([false, false, false, true, false]);
  });

  it('grants an urgent action even while engaged, and counts it', async () => {
    for (let n = 1; n <= 4; n++) await store.guardPermits.claim(request(n), limits, T0);
    expect((await store.guardPermits.claim(request(9, true), limits, T0)).state).toBe('granted');
    expect(await store.guardPermits.counts(T0)).toEqual({ held: 1, hour: 4, day: 4 });
  });

  it('answers a repeated claim of a slot with its first outcome, without counting it again', async () => {
    await store.guardPermits.claim(request(1), limits, T0);
    for (let i = 0; i < 5; i++) expect((await store.guardPermits.claim(request(1), limits, T0)).state).toBe('granted');
    expect((await store.guardPermits.counts(T0)).hour).toBe(1);
  });

  it('holds past the daily limit when the hourly one has room', async () => {
    const day = { perHour: 100, perDay: 2 };
    const states = [];
    for (let n = 1; n <= 3; n++)
      states.push((await store.guardPermits.claim(request(n), day, T0 + n * 2 * 60 * MINUTE)).state);
    expect(states).toEqual(['granted', 'granted', 'held']);
  });

  it('lets exactly the limit through when claims race from several processes, retries included', async () => {
    const config = await site().fresh();
    const stores = await Promise.all([openStore(config), openStore(config), openStore(config)]);
    try {
      const tight = { perHour: 25, perDay: 1000 };
      const claims = (round: number) =>
        Promise.all(
          Array.from({ length: 60 }, (_, n) =>
            stores[(n + round) % 3]!.guardPermits.claim(request(n), tight, T0 + round),
          ),
        );
      const first = await claims(0);
      expect(first.filter((c) => c.state === 'granted')).toHaveLength(25);
      expect(first.filter((c) => c.engaged)).toHaveLength(1);
      // Every claim again, from other processes (a retry after a crash): the same answers, nothing counted twice.
      const again = await claims(1);
      expect(again.map((c) => c.state)).toEqual(first.map((c) => c.state));
      expect(await stores[0].guardPermits.counts(T0 + 1)).toEqual({ held: 35, hour: 25, day: 25 });
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('takes a held permit back when its action is no longer due, disengaging the brake; a decided one stays', async () => {
    for (let n = 1; n <= 5; n++) await store.guardPermits.claim(request(n), limits, T0);
    await store.guardPermits.decide('released', [request(4).slot], 'operator:ops-desk', T0);
    expect(await store.guardPermits.withdraw(request(4).slot)).toBe(false);
    expect(await store.guardPermits.withdraw(request(5).slot)).toBe(true);
    expect(await store.guardPermits.withdraw(request(5).slot)).toBe(false);
    expect(await store.guardPermits.counts(T0)).toEqual({ held: 0, hour: 4, day: 4 });
  });

  it('records release and rejection with the principal; released permits count from the release', async () => {
    for (let n = 1; n <= 6; n++) await store.guardPermits.claim(request(n), limits, T0);
    const held = await store.guardPermits.held();
    expect(held.map((h) => h.employeeId)).toEqual(['E4', 'E5', 'E6']);
    const released = await store.guardPermits.decide('released', [held[0]!.slot], 'operator:ops-desk', T0 + MINUTE);
    expect(released.permits.map((p) => p.employeeId)).toEqual(['E4']);
    const rejected = await store.guardPermits.decide(
      'rejected',
      'all',
      'operator:other',
      T0 + 2 * MINUTE,
      'bad export',
    );
    expect(rejected.permits.map((p) => p.employeeId)).toEqual(['E5', 'E6']);
    expect(await store.guardPermits.held()).toEqual([]);
    expect((await store.guardPermits.claim(request(5), limits, T0 + 3 * MINUTE)).state).toBe('rejected');
    expect((await store.guardPermits.claim(request(4), limits, T0 + 3 * MINUTE)).state).toBe('released');
    expect(await store.guardPermits.counts(T0 + 3 * MINUTE)).toEqual({ held: 0, hour: 4, day: 4 });
    const decisions = await store.guardPermits.decisions();
    expect(decisions.map((d) => [d.principal, d.decision, d.slots.length, d.note])).toEqual([
      ['operator:other', 'rejected', 2, 'bad export'],
      ['operator:ops-desk', 'released', 1, undefined],
    ]);
  });
});
