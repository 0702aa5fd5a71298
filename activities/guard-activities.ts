import { Context } from '@temporalio/activity';
import type { GuardLimitSettings } from '../config/guard';
import { activityContext } from './alerts';
import type { Notifier } from './notifications';
import type { GuardPermits, PermitRequest, PermitState } from '../store';
import { LIVE_STAGES } from '../workflows/contract';

/**
 * The blast-radius brake's activity: a lifecycle claims a permit before every destructive action
 * (deactivate; delete or scrub). The permit lives in the Tenure store (store/guard-permits.ts),
 * claimed in one serialised transaction keyed by the action's slot, so the count is exact across
 * workers, retries, crashes and restarts. The first action held raises the alert (log + metric).
 */

/** What the brake needs: the store's permits, the limits, and how many accounts are active. */
export interface GuardDeps {
  permits: GuardPermits;
  limits: GuardLimitSettings;
  /** active accounts, for the daily share; by default a visibility count through the worker's client */
  activeAccounts?: () => Promise<number>;
}

const ACTIVE_QUERY = `ExecutionStatus = 'Running' AND LifecycleStage IN (${LIVE_STAGES.map((s) => `'${s}'`).join(', ')})`;
/** How long a count of active accounts is reused: the share moves slowly, visibility counts are not free. */
const ACTIVE_COUNT_TTL_MS = 5 * 60_000;

/** Active accounts by a visibility count through the activity's client, reused for a few minutes. */
function visibilityCount(): () => Promise<number> {
  let cached: { at: number; count: number } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < ACTIVE_COUNT_TTL_MS) return cached.count;
    const { count } = await Context.current().client.workflow.count(ACTIVE_QUERY);
    cached = { at: Date.now(), count };
    return count;
  };
}

/** The daily limit: the share of the active accounts, never below the hourly limit. */
export function dailyLimit(limits: GuardLimitSettings, activeAccounts: number): number {
  return Math.max(limits.maxPerHour, Math.ceil(limits.maxShare * activeAccounts));
}

/** Where the operators' e-mail goes out, and the API address it points them to. */
export interface GuardMail {
  notifier: Notifier;
  apiPublicUrl: string;
}

/** The guard's activities; without a store (unit tests of other parts) every claim is granted. */
export function createGuardActivities(deps: GuardDeps | undefined, mail?: GuardMail) {
  const activeAccounts = deps?.activeAccounts ?? visibilityCount();
  return {
    /**
     * Claims the permit of one destructive action: `granted` (go), `held` (wait for operators),
     * `released` or `rejected` (their decision). Idempotent by `slot`.
     */
    async claimDestructivePermit(request: PermitRequest): Promise<{ outcome: PermitState }> {
      if (!deps) return { outcome: 'granted' };
      const perDay = dailyLimit(deps.limits, await activeAccounts());
      const { state, engaged } = await deps.permits.claim(
        request,
        { perHour: deps.limits.maxPerHour, perDay },
        Date.now(),
      );
      if (engaged) {
        alertEngaged(request, deps.limits.maxPerHour, perDay);
        if (mail) await mailOperators(mail, request, deps.limits.maxPerHour, perDay);
      }
      return { outcome: state };
    },

    /** Gives back a held permit whose action the lifecycle no longer plans. Idempotent. */
    async withdrawDestructivePermit({ slot }: { slot: string }): Promise<void> {
      await deps?.permits.withdraw(slot);
    },
  };
}

function alertEngaged(request: PermitRequest, perHour: number, perDay: number): void {
  const context = activityContext();
  if (!context) return;
  context.log.error('ALERT the guard holds destructive actions past its limit: operators decide at GET /v1/guard', {
    action: request.action,
    perHour,
    perDay,
  });
  context.metricMeter
    .createCounter('tenure_guard_engaged', 'engagements', 'Times the blast-radius brake began holding actions')
    .add(1);
}

/**
 * The operators' e-mail, once per engagement (the claim that engaged the brake sends it). Best
 * effort: a failed send is logged, not retried — a retry of the claim would find its slot taken and
 * not engage again; the log line and the metric stand.
 */
async function mailOperators(mail: GuardMail, request: PermitRequest, perHour: number, perDay: number): Promise<void> {
  try {
    await mail.notifier.send({
      kind: 'guard-engaged',
      employeeId: request.employeeId,
      slot: `guard-${Date.now()}`,
      action: request.action,
      perHour,
      perDay,
      queueUrl: `${mail.apiPublicUrl.replace(/\/$/, '')}/v1/guard`,
    });
  } catch (error) {
    activityContext()?.log.error('the guard could not e-mail the operators', {
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
