import type { Actor, LifecyclePolicy } from '../../workflows/contract';
import { DESTRUCTIVE_ACTIONS } from '../../workflows/contract';
import { ApiError } from '../errors';
import { apiErrorOf } from '../plugins/errors';
import type { DryRunBatchAnswer } from '../schemas/dry-run';
import { joinerSchema, recordOf } from '../schemas/employee';
import { detailsOf } from '../validation';
import { dryRunJoiner } from './dry-run';
import type { RequestDigests } from './request-hash';
import { mapBounded } from './map-bounded';
import { refuseProtectedRecord } from './protected-accounts';
import type { TemporalCalls } from './temporal-calls';

type Result = DryRunBatchAnswer['results'][number];

const HOUR = 3_600_000;

/** The most instants within any one hour (a sliding window over the sorted instants). */
export function peakPerHour(instants: number[]): number {
  const sorted = [...instants].sort((a, b) => a - b);
  let peak = 0;
  let from = 0;
  for (let to = 0; to < sorted.length; to++) {
    while (sorted[to]! - sorted[from]! >= HOUR) from++;
    peak = Math.max(peak, to - from + 1);
  }
  return peak;
}

/** The brake as it stands: its hourly limit, what it counted in the last hour and holds now. */
export interface BrakeNow {
  perHour: number;
  lastHour: number;
  held: number;
}

/**
 * Whether the brake would hold some of these destructive actions: it holds already, or the ones due
 * within the next hour and those it counted in the last one exceed the hourly limit, or the batch's
 * own peak within any hour does. (The daily share is never below the hourly limit, so this is the
 * first limit a batch meets.)
 */
export function brakeWouldEngage(instants: number[], brake: BrakeNow, now: number): boolean {
  const nextHour = instants.filter((at) => at < now + HOUR).length;
  return brake.held > 0 || nextHour + brake.lastHour > brake.perHour || peakPerHour(instants) > brake.perHour;
}

/**
 * A batch's dry run: every item validated and looked at as the real batch would (new, unchanged,
 * conflicting, invalid), each new one planned, and the destructive actions of the whole batch
 * counted — in total and at their peak per hour, the figure the brake would see. Nothing starts.
 */
export async function dryRunBatch(
  temporal: TemporalCalls,
  items: readonly unknown[],
  options: {
    concurrency: number;
    policy: LifecyclePolicy;
    protectedAccounts: readonly string[];
    by: Actor;
    digests: RequestDigests;
    brake: BrakeNow;
  },
): Promise<DryRunBatchAnswer> {
  const results = await mapBounded(items, options.concurrency, async (item, index): Promise<Result> => {
    const parsed = joinerSchema.safeParse(item);
    if (!parsed.success) {
      const details = detailsOf(parsed.error.issues, `body.employees[${index}]`);
      const error = new ApiError('VALIDATION_FAILED', `employees[${index}] is invalid`, details);
      return { index, status: 400, outcome: 'invalid', error: errorOf(error) };
    }
    const record = recordOf(parsed.data);
    try {
      refuseProtectedRecord(options.protectedAccounts, record);
      const answer = await dryRunJoiner(temporal, record, options.policy, options.by, options.digests);
      const { outcome: _outcome, ...plan } = answer;
      return answer.outcome === 'new'
        ? { index, employeeId: record.employeeId, status: 201, outcome: 'new', plan }
        : { index, employeeId: record.employeeId, status: 200, outcome: 'unchanged' };
    } catch (error) {
      const known = apiErrorOf(error, record.employeeId) ?? new ApiError('INTERNAL', 'internal error');
      const outcome = known.status === 409 ? 'conflicting' : 'failed';
      return { index, employeeId: record.employeeId, status: known.status, outcome, error: errorOf(known) };
    }
  });
  const destructive = results.flatMap((r) =>
    (r.plan?.projection ?? [])
      .filter((s) => DESTRUCTIVE_ACTIONS.includes(s.action) && s.at)
      .map((s) => Date.parse(s.at!)),
  );
  const count = (outcome: Result['outcome']) => results.filter((r) => r.outcome === outcome).length;
  return {
    dryRun: true,
    summary: {
      new: count('new'),
      unchanged: count('unchanged'),
      conflicting: count('conflicting'),
      invalid: count('invalid'),
      failed: count('failed'),
      destructive: destructive.length,
      destructivePeakPerHour: peakPerHour(destructive),
      brakeWouldEngage: brakeWouldEngage(destructive, options.brake, Date.now()),
    },
    results,
  };
}

const errorOf = (error: ApiError) => ({ code: error.code, message: error.message, details: error.details });
