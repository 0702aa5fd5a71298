import { MockActivityEnvironment } from '@temporalio/testing';
import { ScimClient } from '../../../activities/scim/client';
import { ScimNetworkError } from '../../../activities/scim/errors';
import { PacerBusyError, RequestPacer, type PacerClock } from '../../../activities/scim/pacer';
import { startEmulator, type RunningEmulator } from '../../../emulator/server';
import { emulatorAdmin } from '../../../emulator/admin-client';

/** A clock that only moves when told; sleepers and timers run in order as it passes their instant. */
function manualClock() {
  let now = 0;
  const due: { at: number; run: () => void }[] = [];
  const clock: PacerClock = {
    now: () => now,
    sleep: (ms) => new Promise<void>((wake) => due.push({ at: now + ms, run: wake })),
    later: (ms, fn) => void due.push({ at: now + ms, run: fn }),
  };
  const settle = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  return {
    clock,
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        await settle();
        const next = due.filter((d) => d.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        now = next.at;
        due.splice(due.indexOf(next), 1);
        next.run();
      }
      now = until;
      await settle();
    },
  };
}

/** Starts `n` requests at once through the pacer; each records when it was sent and answers after `latencyMs`. */
function burst(pacer: RequestPacer, clockOf: { clock: PacerClock }, n: number, latencyMs: number) {
  const sent: number[] = [];
  const done = Promise.all(
    Array.from({ length: n }, () =>
      pacer.run(async () => {
        sent.push(clockOf.clock.now());
        await clockOf.clock.sleep(latencyMs);
      }),
    ),
  );
  return { sent, done };
}

describe('RequestPacer', () => {
  it('spreads requests evenly with no burst: the first at once, each next one interval later', async () => {
    const manual = manualClock();
    const { sent, done } = burst(new RequestPacer(20, { clock: manual.clock }), manual, 5, 0);
    await manual.advance(1000);
    await done;
    expect(sent).toEqual([0, 50, 100, 150, 200]);
  });

  it('gives a permit back one second after the response, so slow responses slow the pace and no second gets more than the limit', async () => {
    const manual = manualClock();
    const { sent, done } = burst(new RequestPacer(4, { clock: manual.clock }), manual, 6, 300);
    await manual.advance(5000);
    await done;
    // Four leave 250 ms apart; the fifth waits for the first's permit: sent 0, answered 300, back at 1300.
    expect(sent).toEqual([0, 250, 500, 750, 1300, 1550]);
  });

  it('does not save up slots: after a quiet spell the next request goes at once, the one after one interval later', async () => {
    const manual = manualClock();
    const pacer = new RequestPacer(10, { clock: manual.clock });
    const first = burst(pacer, manual, 1, 0);
    await manual.advance(5000);
    await first.done;
    const { sent, done } = burst(pacer, manual, 2, 0);
    await manual.advance(1000);
    await done;
    expect(sent).toEqual([5000, 5100]);
  });

  it('lets a waiting request with a lower priority key go before those that waited longer (an urgent deactivation first)', async () => {
    const manual = manualClock();
    const pacer = new RequestPacer(2, { clock: manual.clock });
    const order: string[] = [];
    const send = (name: string, key: number) =>
      pacer.run(
        async () => {
          order.push(name);
        },
        undefined,
        key,
      );
    // Two permits: the first two go; then four scheduled (2) wait, and an urgent one (1) arrives last.
    const all = [send('a', 2), send('b', 2), send('c', 2), send('d', 2), send('e', 3), send('urgent', 1)];
    await manual.advance(10_000);
    await Promise.all(all);
    expect(order).toEqual(['a', 'b', 'urgent', 'c', 'd', 'e']);
  });

  it('takes a turn only when it is free now, and refuses (sending nothing) while the spacing or the permits say wait', async () => {
    const manual = manualClock();
    const pacer = new RequestPacer(2, { clock: manual.clock });
    const sent: [string, number][] = [];
    const request = (name: string) => async () => void sent.push([name, manual.clock.now()]);
    const tryNow = (name: string) => pacer.run(request(name), undefined, 4, { wait: false });
    // Free: sent at once. The next turn is one interval (500 ms) away: not free now.
    await tryNow('a');
    await expect(tryNow('too soon')).rejects.toBeInstanceOf(PacerBusyError);
    await manual.advance(500);
    await tryNow('b');
    // Both permits are out until a second after each answer (1000, 1500): refused, nothing sent.
    await manual.advance(300);
    await expect(tryNow('no permit')).rejects.toBeInstanceOf(PacerBusyError);
    // A request that may wait gets the first permit back; a try meanwhile is refused again.
    const waiting = pacer.run(request('waiting'));
    await manual.advance(400);
    await expect(tryNow('behind the waiter')).rejects.toBeInstanceOf(PacerBusyError);
    await manual.advance(2000);
    await waiting;
    // A try whose caller already gave up takes no turn.
    const gone = new AbortController();
    gone.abort(new Error('workflow task over'));
    await expect(pacer.run(request('aborted'), gone.signal, 4, { wait: false })).rejects.toThrow('workflow task over');
    await tryNow('c');
    expect(sent).toEqual([
      ['a', 0],
      ['b', 500],
      ['waiting', 1000],
      ['c', 3200],
    ]);
  });

  it('rejects a rate that is not a positive number', () => {
    expect(() => new RequestPacer(0)).toThrow('requests per second must be a positive number, not 0');
    expect(() => new RequestPacer(Number.NaN)).toThrow('not NaN');
  });
});

describe('a paced ScimClient against the emulator', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('never puts more than the limit into any one second at the directory, even when all calls come at once', async () => {
    const client = new ScimClient({ baseUrl: emulator.url, token: emulator.token, maxRequestsPerSecond: 10 });
    const since = new Date().toISOString();
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => client.findByExternalId(`PACED-${i}`)));
    expect(results).toEqual(Array(25).fill(undefined));
    const stats = (await (await emulatorAdmin(emulator, `/stats?since=${encodeURIComponent(since)}`)).json()) as {
      totalRequests: number;
      peakInAnyOneSecondWindow: number;
    };
    expect(stats.totalRequests).toBe(25);
    expect(stats.peakInAnyOneSecondWindow).toBeLessThanOrEqual(10);
  });

  it('sends nothing from a local activity when no turn is free (busy), and waits its turn in a task-queue activity', async () => {
    const client = new ScimClient({ baseUrl: emulator.url, token: emulator.token, maxRequestsPerSecond: 1 });
    // Each try its own local activity (its own context), as the worker runs them.
    const local = () => new MockActivityEnvironment({ isLocal: true });
    const queued = new MockActivityEnvironment({ isLocal: false });
    await local().run(() => client.findByExternalId('IN-TASK-first'));
    const busy = await local()
      .run(() => client.findByExternalId('IN-TASK-busy'))
      .catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(ScimNetworkError);
    expect(busy).toMatchObject({ busy: true, cancelled: false });
    expect(emulator.requests().some((r) => decodeURIComponent(r.query ?? '').includes('IN-TASK-busy'))).toBe(false);
    // The same request from a task-queue activity waits for the next turn and is sent.
    await queued.run(() => client.findByExternalId('IN-TASK-queued'));
    expect(emulator.requests().some((r) => decodeURIComponent(r.query ?? '').includes('IN-TASK-queued'))).toBe(true);
    // Once a try sent its first request, its next ones wait their turn: a write is not left half done.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await local().run(async () => {
      await client.findByExternalId('IN-TASK-then');
      await client.findByExternalId('IN-TASK-then-read');
    });
    expect(emulator.requests().some((r) => decodeURIComponent(r.query ?? '').includes('IN-TASK-then-read'))).toBe(true);
  });

  it('gives up a waiting request when its caller cancels, as a cancelled network error', async () => {
    const client = new ScimClient({ baseUrl: emulator.url, token: emulator.token, maxRequestsPerSecond: 1 });
    await client.findByExternalId('PACED-first');
    const controller = new AbortController();
    const waiting = client.findByExternalId('PACED-cancelled', { signal: controller.signal });
    controller.abort(new Error('activity cancelled'));
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScimNetworkError);
    expect(error).toMatchObject({ cancelled: true });
    expect(emulator.requests().some((r) => decodeURIComponent(r.query ?? '').includes('PACED-cancelled'))).toBe(false);
    expect(emulator.requests().some((r) => decodeURIComponent(r.query ?? '').includes('PACED-first'))).toBe(true);
  });
});
