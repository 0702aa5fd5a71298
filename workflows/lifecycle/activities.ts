import { ApplicationFailure, isCancellation, proxyActivities, proxyLocalActivities, sleep } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { durationMs, IN_TASK_ACTIVITIES as IN_TASK, type InTaskActivity } from '../contract/core';
import { inForce, triesInTask } from './versions';

/**
 * The activity proxies, one per retry profile and priority. Transient failures (throttling,
 * outages, network) retry without limit, backing off to 5 minutes; the activities mark everything a
 * retry cannot fix non-retryable, and the workflow turns those into NeedsAttention.
 *
 * Critical actions (deactivation, deletion, reactivation, provisioning, the operators' deletion
 * requests) retry for as long as it takes: an employee's deactivation must happen however long the
 * directory is down. Non-critical ones (profile sync, manager lookups, invites, claim checks and
 * reminders, notices) give up after an hour and are tried again later on their own, so that they
 * never hold up a leave; a due deactivation also pre-empts them.
 *
 * Priority keys order the task queue when the directory's rate limit makes tasks wait. Since the
 * `leave-now-first` patch: a leave effective now (someone walked out) first (1), then scheduled
 * deactivations (2) — so that one urgent leave does not queue behind a mass leave due at the same
 * moment — other critical work next (3), background work last (4). A run replaying history from
 * before the patch keeps the old keys there (every deactivation 1, other critical work 2); from its
 * first activity on new code it takes the new ones (`patched` records the marker at that point).
 */

/** The patch that gave a leave effective now a priority of its own (listed in versions.ts). */
export const LEAVE_NOW_FIRST_PATCH = 'leave-now-first';

type ActivityProxy = ReturnType<typeof proxyActivities<Activities>>;

/** `before` in runs that began before the `leave-now-first` patch, `after` from it on; chosen at each call. */
function byPatch(before: ActivityProxy, after: ActivityProxy): ActivityProxy {
  return new Proxy(after, {
    get: (_target, name) => {
      // Only an activity's name decides (a `then` or symbol lookup must not record the marker).
      if (typeof name !== 'string' || name === 'then') return undefined;
      return (inForce(LEAVE_NOW_FIRST_PATCH) ? after : before)[name as keyof Activities];
    },
  });
}

const RETRY = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' };

/**
 * Directory requests tried in the workflow task first (release 2 on). The `tryInTask` local activity
 * runs the activity inside the task that needs it — one marker event instead of six (scheduled,
 * started, completed and the workflow task that reads the result), and no activity task for the
 * server to dispatch and persist. It takes a free turn of the directory's rate limit or none; when
 * none is free (a burst, a mass leave), or the request failed, the same activity goes to the task
 * queue as before, with its priority, retries and failure handling. Either way the directory sees
 * one request per turn and never more than the limit: the worker's pacer counts both kinds.
 *
 * Bounded by the SCIM client's own timeout (10 s by default) plus margin: a try that outlives it
 * times out and the task-queue activity repeats the request (every directory write is idempotent
 * or answered 409 and looked up).
 */
const IN_TASK_OPTIONS = { startToCloseTimeout: '15 seconds', retry: { maximumAttempts: 1 } } as const;
const inTask = proxyLocalActivities<Activities>(IN_TASK_OPTIONS);

/** This run's directory calls so far: each call's own ledger key (`call-<n>`), shared by its try and its hand-over. */
let calls = 0;

/**
 * `remote`, each directory call tried in the workflow task first when the run does so
 * (`triesInTask`: release 2 on, unless the worker that began it switched tries off); otherwise
 * `remote`'s own functions, untouched.
 */
function firstInTask(remote: ActivityProxy): ActivityProxy {
  return new Proxy(remote, {
    get: (_target, name) => {
      if (typeof name !== 'string' || name === 'then') return undefined;
      const direct = remote[name as keyof Activities] as (...a: unknown[]) => Promise<unknown>;
      if (!triesInTask() || !(IN_TASK as readonly string[]).includes(name)) return direct;
      return async (...given: unknown[]) => {
        const args = withLedgerKey(given, `call-${++calls}`);
        try {
          // The summary names the directory activity in the Temporal UI's timeline.
          const tried = await inTask.tryInTask.executeWithOptions({ ...IN_TASK_OPTIONS, summary: name }, [
            { activity: name as InTaskActivity, args },
          ]);
          if (tried.done) return tried.result;
          const failed = tried.failure;
          // What no retry can fix is raised as the activity would have raised it: not sent again.
          if (failed?.nonRetryable) {
            throw ApplicationFailure.create({
              type: failed.type,
              message: failed.message,
              nonRetryable: true,
              ...(failed.details ? { details: failed.details } : {}),
            });
          }
          // A transient failure: the task queue's first attempt comes after the first retry
          // interval, or the directory's Retry-After (at most the retries' maximum) — never at once.
          if (failed) {
            const delay = failed.nextRetryDelayMs ?? durationMs(RETRY.initialInterval);
            await sleep(Math.min(delay, durationMs(RETRY.maximumInterval)));
          }
        } catch (error) {
          // A try that timed out goes to the task queue; a raised failure and a cancelled scope stay.
          if (isCancellation(error) || error instanceof ApplicationFailure) throw error;
        }
        return direct(...args);
      };
    },
  });
}

/**
 * The call's arguments with its ledger key in the audit context of a write (reads have none): a
 * write the try recorded and the task-queue activity then repeated is one ledger row. A key the
 * workflow gave the action itself (the provisioning's) stays.
 */
function withLedgerKey(args: unknown[], key: string): unknown[] {
  const [first, ...rest] = args;
  if (typeof first !== 'object' || first === null || !('audit' in first)) return args;
  const { audit } = first as { audit?: { key?: string } };
  return [{ ...first, audit: { ...audit, key: audit?.key ?? key } }, ...rest];
}

const MAIL_RETRY = { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' };

/** How long a non-critical action may keep failing transiently before the workflow parks it. */
export const NON_CRITICAL_BOUND = '1 hour';

/**
 * Workplace (SCIM) calls: one HTTP request each (10 s timeout by default). A worker that dies
 * mid-call is noticed when this timeout ends, so it is kept short: half a minute.
 */
const critically = (priorityKey: number) =>
  proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: RETRY, priority: { priorityKey } });

/** The deactivation (and its read-back) of a leave effective now: ahead of everything. */
export const leaveNow = firstInTask(critically(1));

/** Scheduled deactivations, a withdrawn offer's removal, and their read-backs. */
export const urgent = firstInTask(byPatch(critically(1), critically(2)));

/** The proxy of an employee's deactivation: first for a leave effective now (a withdrawn offer is not one). */
export function deactivation(state: { leave?: { now?: boolean; reason: string } }): ActivityProxy {
  return state.leave?.now && state.leave.reason !== 'offer-withdrawn' ? leaveNow : urgent;
}

/** Provisioning, reactivation, deletion, scrub. */
export const critical = firstInTask(byPatch(critically(2), critically(3)));

export const background = firstInTask(
  proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    scheduleToCloseTimeout: NON_CRITICAL_BOUND,
    retry: RETRY,
    priority: { priorityKey: 4 },
  }),
);

/**
 * E-mails as local activities: an SMTP send is short, and its stable Message-ID makes a repeated
 * send harmless, so it needs no task of its own on the server — one history event instead of six,
 * and no share of the directory's rate limit. Long SMTP outages back off through timers.
 */
export const criticalMail = proxyLocalActivities<Activities>({ startToCloseTimeout: '1 minute', retry: MAIL_RETRY });

export const backgroundMail = proxyLocalActivities<Activities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: NON_CRITICAL_BOUND,
  retry: MAIL_RETRY,
});

/**
 * The erasure of an employee's data key at the end of a lifecycle: a local activity (no share of
 * the directory's rate limit), retried for as long as the Tenure store is unreachable.
 */
export const erasure = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** Reads of the worker's own world (policy, zone calendar): recorded in history, never slow. */
export const local = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 5 },
});
