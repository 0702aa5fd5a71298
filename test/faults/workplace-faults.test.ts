/**
 * Workplace misbehaving during a burst of joiners, switched on at run time in the emulator: an
 * outage window, a 429 storm, and responses dropped after the request was applied. The worker runs
 * as its own process with the real SCIM client. Sizes come from `TENURE_FAULTS_SCALE` (see
 * test/helpers/fault-scale.ts).
 */
import type { FaultConfigInput } from '../../emulator/server';
import { NO_PROBLEMS } from '../helpers/burst-audit';
import { isAlive, startedPids } from '../../scripts/lib/child-process';
import { scimRequestsSince } from '../helpers/emulator-requests';
import { endBurst, runBurst, type BurstOutcome } from '../helpers/fault-burst';
import { faultScale } from '../helpers/fault-scale';
import { startProcessStack, type ProcessStack } from '../helpers/process-stack';

const scale = faultScale();
jest.setTimeout(scale.testTimeoutMs);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let stack: ProcessStack | undefined;
// The employees of the running test's burst, whose lifecycles end with the test.
let burstEmployees: string[] = [];

beforeAll(async () => {
  stack = await startProcessStack(scale);
}, 180_000);

afterEach(async () => {
  stack?.emulator.faults.clear();
  if (stack) await endBurst(stack, burstEmployees);
  burstEmployees = [];
});

afterAll(async () => {
  await stack?.close();
});

/**
 * A burst with `faults` switched on for `durationMs` from a third of the way in — and longer, up to
 * a minute, until `hit()` says the fault met what the test is about (on a loaded machine the burst
 * may reach that kind of request only later).
 */
async function burstWith(
  label: string,
  faults: FaultConfigInput,
  durationMs: number,
  hit: () => boolean = () => true,
): Promise<BurstOutcome> {
  const { emulator } = stack!;
  const outcome = await runBurst(stack!, scale, label, async ({ joiners, midBurst }) => {
    burstEmployees = joiners.map((j) => j.employeeId);
    await midBurst(1, 3);
    emulator.faults.set(faults);
    await sleep(durationMs);
    for (let waited = 0; !hit() && waited < 60_000; waited += 500) await sleep(500);
    emulator.faults.clear();
  });
  console.log(outcome.summary);
  return outcome;
}

/** How many SCIM requests since `since` the fault of this kind decided. */
const decidedBy = (since: number, fault: string, method?: string) =>
  scimRequestsSince(stack!.emulator, since).filter((r) => r.faultApplied === fault && (!method || r.method === method))
    .length;

describe(`Workplace faults during a burst (${scale.name} scale)`, () => {
  it('brings every joiner to their stage with one account and every reminder e-mailed in order (again only where a fault lost work in flight) through an outage', async () => {
    const since = Date.now();
    const outcome = await burstWith('WO', { outage: { durationMs: scale.outageMs } }, scale.outageMs);

    expect(outcome.audit.problems).toEqual(NO_PROBLEMS);
    expect(outcome.audit.accounts).toBe(scale.joiners);
    expect(decidedBy(since, 'outage')).toBeGreaterThan(0);
    // Weathered by Temporal: tries that met the outage were handed to the task queue (after its
    // Retry-After), where attempts that met it too were retried.
    expect(outcome.evidence.taskQueueActivities).toBeGreaterThan(0);
  });

  it('brings every joiner to their stage with one account and every reminder e-mailed in order (again only where a fault lost work in flight) through a 429 storm', async () => {
    const since = Date.now();
    const storm = { rateLimit: { requestsPerSecond: scale.throttleRequestsPerSecond, retryAfterSeconds: 1 } };
    const outcome = await burstWith('WT', storm, scale.throttleMs);

    expect(outcome.audit.problems).toEqual(NO_PROBLEMS);
    expect(outcome.audit.accounts).toBe(scale.joiners);
    expect(decidedBy(since, 'rateLimit')).toBeGreaterThan(0);
    expect(outcome.evidence.activityRetriesAfterFailure).toBeGreaterThan(0);
  });

  it('brings every joiner to their stage with one account and every reminder e-mailed in order (again only where a fault lost work in flight) when applied writes lose their responses', async () => {
    const since = Date.now();
    const drops: FaultConfigInput = { dropResponse: { rate: scale.dropRate, methods: ['POST', 'PUT', 'PATCH'] } };
    const outcome = await burstWith('WD', drops, scale.dropMs, () => decidedBy(since, 'dropResponse', 'POST') > 0);

    expect(outcome.audit.problems).toEqual(NO_PROBLEMS);
    expect(outcome.audit.accounts).toBe(scale.joiners);
    // Creates were applied and their answers lost: the retries found the accounts instead of making more.
    expect(decidedBy(since, 'dropResponse', 'POST')).toBeGreaterThan(0);
    expect(outcome.evidence.activityRetriesAfterFailure).toBeGreaterThan(0);
  });

  it('leaves no process behind', async () => {
    await stack!.close();
    expect(stack!.pids()).toHaveLength(2);
    expect(startedPids().filter(isAlive)).toEqual([]);
  });
});
