/**
 * The worker process SIGKILLed several times during a burst of joiners, then restarted: Temporal
 * replays the workflows on the new process and retries what the dead one had in hand. Sizes come
 * from `TENURE_FAULTS_SCALE` (see test/helpers/fault-scale.ts).
 */
import { NO_PROBLEMS } from '../helpers/burst-audit';
import { isAlive, startedPids } from '../../scripts/lib/child-process';
import { runBurst } from '../helpers/fault-burst';
import { faultScale } from '../helpers/fault-scale';
import { startProcessStack, type ProcessStack } from '../helpers/process-stack';
import { testCodec } from '../helpers/test-codec';

const scale = faultScale();
jest.setTimeout(scale.testTimeoutMs);

let stack: ProcessStack | undefined;

beforeAll(async () => {
  stack = await startProcessStack(scale);
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe(`the worker SIGKILLed during a burst (${scale.name} scale)`, () => {
  it(`brings every joiner to their stage with one account, and every reminder e-mailed in order (again only where a fault lost work in flight), across ${scale.workerKills} kills`, async () => {
    const { worker } = stack!;
    const exits: (NodeJS.Signals | null)[] = [];
    const outcome = await runBurst(stack!, scale, 'WK', async ({ since, midBurst }) => {
      let workerStartedAt = since;
      for (let kill = 1; kill <= scale.workerKills; kill++) {
        // Part of the feed is in and the current worker has been doing Workplace work; after the
        // first kill (amid provisioning), the worker is also sending reminders when it dies.
        await midBurst(kill, scale.workerKills + 1, { after: workerStartedAt, reminders: kill === 1 ? 0 : 3 });
        exits.push((await worker.kill('SIGKILL')).signal);
        await worker.start();
        workerStartedAt = Date.now();
      }
    });
    console.log(outcome.summary);

    expect(outcome.audit.problems).toEqual(NO_PROBLEMS);
    expect(outcome.audit.accounts).toBe(scale.joiners);
    expect(exits).toEqual(Array.from({ length: scale.workerKills }, () => 'SIGKILL'));
    expect(worker.processes()).toHaveLength(scale.workerKills + 1);
    // The kills hit work in flight: tasks the dead workers held timed out and were done again.
    expect(outcome.evidence.lostWork.size).toBeGreaterThan(0);

    // The ledger: one provisioning row per joiner however often its activity ran, and a chain
    // that writers dying mid-append left whole.
    const { store } = await testCodec();
    const provisions = (await store.ledger.find({ actions: ['provision'] })).filter((r) =>
      r.employeeId.startsWith('WK'),
    );
    const perJoiner = new Map<string, number>();
    for (const row of provisions) perJoiner.set(row.employeeId, (perJoiner.get(row.employeeId) ?? 0) + 1);
    expect(perJoiner.size).toBe(scale.joiners);
    expect([...perJoiner.values()].filter((n) => n !== 1)).toEqual([]);
    expect(await store.ledger.verify()).toMatchObject({ ok: true });
  });

  it('leaves no process behind', async () => {
    await stack!.close();
    expect(stack!.pids()).toHaveLength(scale.workerKills + 2);
    expect(startedPids().filter(isAlive)).toEqual([]);
  });
});
