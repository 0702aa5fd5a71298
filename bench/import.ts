import { DEFAULT_LIFECYCLE_POLICY } from '../workflows/contract';
import { httpPort } from '../imports/http-port';
import type { ImportPhase, ImportProgress } from '../imports/progress';
import { runImport } from '../imports/run-import';
import { report } from './lib/output';
import type { RunningEmulator } from '../emulator/server';
import { HR_TOKEN, startBenchStack } from './lib/stack';

/**
 * HR feeds: a 10,000-row CSV export imported through the API as `npx tenure import` does (HTTP,
 * an hr token, 8 requests in flight): rows per second of the diff and of the apply, for a file of
 * joiners (nobody known yet), for the same file again (all unchanged: the idempotent re-run), and
 * for a file moving everyone to another department (10,000 movers: a status read and a PATCH each).
 * Between the first pass and the others the worker provisions every joiner (not timed).
 */

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_IMPORT_CONCURRENCY ?? 8);

/** Records when each phase began and ended. */
function phaseClock(): ImportProgress & { seconds(phase: ImportPhase): number } {
  const spans = new Map<ImportPhase, { from: number; to?: number }>();
  let current: ImportPhase | undefined;
  return {
    begin(phase) {
      current = phase;
      spans.set(phase, { from: performance.now() });
    },
    grow() {},
    tick() {},
    end() {
      if (current) spans.get(current)!.to = performance.now();
    },
    seconds(phase) {
      const span = spans.get(phase);
      return span?.to !== undefined ? (span.to - span.from) / 1000 : NaN;
    },
  };
}

function csvOf(run: string, department: (i: number) => string): string {
  const start = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const lines = ['employeeId,email,givenName,familyName,department,timeZone,startDate'];
  for (let i = 0; i < ROWS; i++) {
    lines.push(
      `${run}-${i},${run.toLowerCase()}-${i}@example.com,Given${i},Family${i},${department(i)},Europe/Berlin,${start}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Waits until the worker has provisioned every joiner: the next pass reads statuses, and a status
 * query waits behind a lifecycle's pending work — the figure would measure the provisioning backlog.
 */
async function provisioned(emulator: RunningEmulator, run: string): Promise<void> {
  const deadline = Date.now() + 30 * 60_000;
  const count = () =>
    emulator.store.list().filter((u) => {
      const externalId = u.attributes.externalId;
      return typeof externalId === 'string' && externalId.startsWith(`${run}-`);
    }).length;
  while (count() < ROWS) {
    if (Date.now() > deadline) throw new Error(`import bench: ${count()} of ${ROWS} provisioned after 30 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

export async function importBench(): Promise<void> {
  const stack = await startBenchStack({ policy: { ...DEFAULT_LIFECYCLE_POLICY } });
  try {
    const port = httpPort({ baseUrl: stack.apiUrl, token: HR_TOKEN });
    const run = `IMP${Date.now().toString(36)}`;
    const files = {
      joiners: csvOf(run, (i) => `Dept ${i % 40}`),
      movers: csvOf(run, (i) => `Dept ${(i + 1) % 40}`),
    };
    const passes: { name: string; content: string; expect: (s: Record<string, number | boolean>) => boolean }[] = [
      { name: 'joiners', content: files.joiners, expect: (s) => s.joiners === ROWS && s.applied === ROWS },
      { name: 'unchanged re-run', content: files.joiners, expect: (s) => s.unchanged === ROWS && s.applied === 0 },
      { name: 'movers', content: files.movers, expect: (s) => s.movers === ROWS && s.applied === ROWS },
    ];
    for (const pass of passes) {
      const clock = phaseClock();
      const started = performance.now();
      const result = await runImport(port, pass.content, {
        format: 'csv',
        mode: 'delta',
        dryRun: false,
        skipInvalid: false,
        concurrency: CONCURRENCY,
        progress: clock,
      });
      const total = (performance.now() - started) / 1000;
      const summary = result.summary as unknown as Record<string, number | boolean>;
      if (!pass.expect(summary))
        throw new Error(`import bench (${pass.name}): unexpected summary ${JSON.stringify(summary)}`);
      const common = { pass: pass.name, rows: ROWS, concurrency: CONCURRENCY, totalSeconds: Number(total.toFixed(2)) };
      const diff = clock.seconds('diff');
      report({
        benchmark: 'import',
        metric: 'diff rows per second',
        value: Math.round(ROWS / diff),
        unit: 'rows/s',
        seconds: Number(diff.toFixed(2)),
        ...common,
      });
      const apply = clock.seconds('apply');
      const applied = summary.applied as number;
      report({
        benchmark: 'import',
        metric: 'apply rows per second',
        value: applied > 0 ? Math.round(applied / apply) : 0,
        unit: 'rows/s',
        seconds: Number(apply.toFixed(2)),
        applied,
        ...common,
      });
      if (pass.name === 'joiners') await provisioned(stack.emulator, run);
    }
  } finally {
    await stack.close();
  }
}
