/**
 * The Temporal dev server stopped mid-burst and started again on the same SQLite file and port:
 * once cleanly (SIGTERM), once as a crash (SIGKILL). The worker process and the API stay up and
 * reconnect; the HR feed sends again what the API could not start. Sizes come from
 * `TENURE_FAULTS_SCALE` (see test/helpers/fault-scale.ts).
 */
import { NO_PROBLEMS } from '../helpers/burst-audit';
import { isAlive, startedPids, type ChildExit } from '../../scripts/lib/child-process';
import { processReport, runBurst } from '../helpers/fault-burst';
import { faultScale } from '../helpers/fault-scale';
import { startProcessStack, type ProcessStack } from '../helpers/process-stack';

const scale = faultScale();
jest.setTimeout(scale.testTimeoutMs);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let stack: ProcessStack | undefined;

beforeAll(async () => {
  stack = await startProcessStack(scale);
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

describe(`the dev server restarted on its SQLite file during a burst (${scale.name} scale)`, () => {
  it('keeps every joiner HR submitted, with one account each and every reminder e-mailed in order (again only where a fault lost work in flight), across a stop and a crash', async () => {
    const { devServer, worker } = stack!;
    const exits: ChildExit[] = [];
    const stops = ['SIGTERM', 'SIGKILL'] as const;
    const outcome = await runBurst(stack!, scale, 'DS', async ({ since, midBurst }) => {
      let serverStartedAt = since;
      for (const [i, signal] of stops.entries()) {
        // The crash comes while reminders are going out: sent, but maybe not yet recorded.
        await midBurst(i + 1, stops.length + 1, { after: serverStartedAt, reminders: signal === 'SIGKILL' ? 3 : 0 });
        exits.push(await devServer.stop(signal));
        await sleep(scale.serverDowntimeMs);
        await devServer.start();
        serverStartedAt = Date.now();
      }
    });
    console.log(outcome.summary);

    expect(outcome.audit.problems).toEqual(NO_PROBLEMS);
    expect(outcome.audit.accounts).toBe(scale.joiners);
    expect(exits.map((exit) => exit.signal ?? `code ${exit.code}`)).toEqual([expect.anything(), 'SIGKILL']);
    expect(devServer.processes()).toHaveLength(stops.length + 1);
    // The worker rode out both restarts: the same process all along.
    expect(worker.processes()).toHaveLength(1);
    expect(worker.current().running() || processReport(stack!)).toBe(true);
  });

  it('leaves no process behind', async () => {
    await stack!.close();
    expect(stack!.pids()).toHaveLength(4);
    expect(startedPids().filter(isAlive)).toEqual([]);
  });
});
