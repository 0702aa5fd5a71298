import type { EmployeeRecord } from '../workflows/contract';
import { DEFAULT_LIFECYCLE_POLICY } from '../workflows/contract';
import { HR_TOKEN, invitedInEmulator, startBenchStack } from './lib/stack';
import { report } from './lib/output';
import { emulatorAdmin } from '../emulator/admin-client';

/**
 * Rate limit: with a Workplace request limit configured (Temporal's task-queue rate limit, which
 * holds across workers), a burst of joiners; at the emulator, the highest request count in any
 * one-second window (never above the limit) and the utilisation of the limit during the burst.
 */

const LIMIT = Number(process.env.BENCH_RATE_LIMIT ?? 20);
const JOINERS = Number(process.env.BENCH_RATE_JOINERS ?? 200);

interface Stats {
  totalRequests: number;
  perSecond: { second: string; count: number }[];
  peakInAnyOneSecondWindow: number;
  firstAt?: string;
  lastAt?: string;
}

export async function rateLimitBench(): Promise<void> {
  const stack = await startBenchStack({ policy: { ...DEFAULT_LIFECYCLE_POLICY }, maxRequestsPerSecond: LIMIT });
  const run = `RATE${Date.now().toString(36)}`;
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const employees: EmployeeRecord[] = Array.from({ length: JOINERS }, (_, i) => ({
    employeeId: `${run}-${i}`,
    email: `${run}-${i}@example.com`.toLowerCase(),
    givenName: 'Rate',
    familyName: `Limited ${i}`,
    timeZone: 'UTC',
    startDate: yesterday,
  }));
  try {
    const since = new Date().toISOString();
    const response = await fetch(`${stack.apiUrl}/v1/employees/batch`, {
      method: 'POST',
      headers: { authorization: `Bearer ${HR_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ employees }),
    });
    if (response.status !== 200) throw new Error(`batch answered ${response.status}`);
    // Done when every account exists and is invited (a lookup and a create that invites, for
    // joiners whose invite moment has passed): counted in the emulator, not assumed.
    const invited = () => invitedInEmulator(stack.emulator, run);
    const deadline = Date.now() + 10 * 60_000;
    while (invited() < JOINERS) {
      if (Date.now() > deadline) throw new Error(`rate limit: ${invited()} of ${JOINERS} invited after 10 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const stats = (await (
      await emulatorAdmin(stack.emulator, `/stats?since=${encodeURIComponent(since)}`)
    ).json()) as Stats;
    const seconds = (Date.parse(stats.lastAt!) - Date.parse(stats.firstAt!)) / 1000;
    const utilisation = stats.totalRequests / (LIMIT * seconds);
    report({
      benchmark: 'rate-limit',
      metric: 'peak-requests-in-any-one-second-window',
      value: stats.peakInAnyOneSecondWindow,
      unit: 'requests',
      limit: LIMIT,
      target: `<= ${LIMIT}`,
      met: stats.peakInAnyOneSecondWindow <= LIMIT,
    });
    report({
      benchmark: 'rate-limit',
      metric: 'utilisation',
      value: utilisation,
      unit: 'fraction of the limit',
      limit: LIMIT,
      requests: stats.totalRequests,
      burstSeconds: seconds,
      // the ramp-up and the tail of the burst are where a second falls short of the limit
      perSecond: stats.perSecond.map((s) => s.count),
      target: '>= 0.9',
      met: utilisation >= 0.9,
    });
  } finally {
    await stack.close();
  }
}
