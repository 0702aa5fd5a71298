import type { Client } from '@temporalio/client';
import type { RunningEmulator } from '../../emulator/server';
import type { ChildHandle } from '../../scripts/lib/child-process';
import type { RunningSmtpSink } from '../../smtp-sink/sink';
import { employeeWorkflowId, type EmployeeRecord } from '../../workflows/contract';
import type { ApiCaller } from '../api/support';
import { auditBurst, readStatuses, waitForExpectedStages, type BurstAudit, type BurstExpectation } from './burst-audit';
import { claimPlanFor, startClaimer } from './claimer';
import { scimRequestsSince } from './emulator-requests';
import { eventually } from './eventually';
import type { FaultScale } from './fault-scale';
import { burstOfJoiners, startFeed, type Feed, type FeedReport } from './joiner-feed';
import { recoveryEvidence, type RecoveryEvidence } from './recovery-evidence';

/**
 * What a burst runs against: the HR API (one replica or several), the emulator and the sink it
 * audits, a Temporal client to read histories, and the processes to report on when a wait fails.
 */
export interface BurstStack {
  api: ApiCaller;
  emulator: RunningEmulator;
  sink: RunningSmtpSink;
  client: Client;
  /** the Temporal server and Tenure processes running now */
  currentProcesses(): ChildHandle[];
}

/** What a fault script sees of the burst it runs during. */
export interface BurstContext {
  joiners: EmployeeRecord[];
  feed: Feed;
  /** when the burst began (epoch ms) */
  since: number;
  /**
   * Resolves once the burst is `step`/`of` of the way in: that share of the joiners accepted, and
   * since `after` (epoch ms; default: the burst's start) at least `requests` Workplace requests
   * made (default 10) and at least `reminders` reminders received (default 0).
   */
  midBurst(step: number, of: number, options?: MidBurstOptions): Promise<void>;
}

export interface MidBurstOptions {
  after?: number;
  requests?: number;
  reminders?: number;
}

/** How a burst went: the audit, the feed's report and what Temporal had to redo. */
export interface BurstOutcome {
  employeeIds: string[];
  audit: BurstAudit;
  feed: FeedReport;
  evidence: RecoveryEvidence;
  seconds: number;
  /** one line for the test's output: sizes, resends, redone work, duration */
  summary: string;
}

/**
 * Runs a burst of `scale.joiners` joiners through the API with claims along the way, runs `faults`
 * during it, waits until every joiner has reached their stage, and audits the result.
 */
export async function runBurst(
  stack: BurstStack,
  scale: FaultScale,
  label: string,
  faults: (burst: BurstContext) => Promise<void>,
): Promise<BurstOutcome> {
  const { api, emulator, sink } = stack;
  const since = Date.now();
  const joiners = burstOfJoiners(label, scale.joiners, since);
  const employeeIds = joiners.map((j) => j.employeeId);
  const plan = claimPlanFor(employeeIds);
  const claimer = startClaimer(emulator, sink, plan);
  try {
    const feed = startFeed(api, joiners, {
      batchSize: scale.batchSize,
      pauseMs: 1_000,
      timeoutMs: scale.settleTimeoutMs,
    });
    await faults({
      joiners,
      feed,
      since,
      midBurst: (step, of, { after = since, requests = 10, reminders = 0 } = {}) =>
        eventually(
          async () => ({
            accepted: feed.accepted(),
            requests: scimRequestsSince(emulator, after).length,
            reminders: sink
              .messages()
              .filter((m) => m.headers['x-tenure-notification'] === 'reminder' && Date.parse(m.receivedAt) >= after)
              .length,
          }),
          (p) =>
            p.accepted >= Math.ceil((joiners.length * step) / of) && p.requests >= requests && p.reminders >= reminders,
          { timeoutMs: scale.settleTimeoutMs, intervalMs: 50 },
        ).then(() => undefined),
    });
    const report = await feed.finished;
    await claimer.done(scale.settleTimeoutMs);
    const expectation: BurstExpectation = {
      employeeIds,
      department: joiners[0]!.department!,
      claimed: new Set([...plan.onInvite, ...plan.afterFirstReminder]),
      maxReminders: scale.maxReminders,
    };
    await waitForExpectedStages(api, expectation, scale.settleTimeoutMs);
    const statuses = await readStatuses(api, employeeIds);
    const evidence = await recoveryEvidence(stack.client, employeeIds);
    const audit = auditBurst(expectation, statuses, emulator, sink, since, evidence.lostWork);
    const seconds = Math.round((Date.now() - since) / 1000);
    const redone = {
      workflowTaskTimeouts: evidence.workflowTaskTimeouts,
      activityRetriesAfterTimeout: evidence.activityRetriesAfterTimeout,
      activityRetriesAfterFailure: evidence.activityRetriesAfterFailure,
      taskQueueActivities: evidence.taskQueueActivities,
      lifecyclesThatLostWork: evidence.lostWork.size,
    };
    const summary =
      `${label} (${scale.name}): ${joiners.length} joiners (${expectation.claimed.size} claim) in ${seconds} s; ` +
      `${audit.remindersReceived} reminders received; after lost work ${audit.resentReminders} copies re-sent ` +
      `(same Message-ID) and ${audit.unrecordedReminders} sent but not counted; ` +
      `feed ${JSON.stringify(report)}; redone ${JSON.stringify(redone)}`;
    return { employeeIds, audit, feed: report, evidence, seconds, summary };
  } catch (error) {
    // A wait that timed out says little by itself: say how the processes are doing.
    if (error instanceof Error) error.message += `\n${processReport(stack)}`;
    throw error;
  } finally {
    await claimer.stop();
  }
}

/** The state and last output of the stack's current processes. */
export function processReport(stack: BurstStack): string {
  return stack
    .currentProcesses()
    .map((child) => {
      const state = child.running() ? 'running' : 'exited';
      return `--- ${child.name} (pid ${child.pid}, ${state}); last output:\n${child.output().slice(-3_000)}`;
    })
    .join('\n');
}

/**
 * Terminates the lifecycles of a finished burst, so that their claim checks (every reminder
 * interval, for ever while `Unclaimed`) do not load the next scenario on the same stack.
 */
export async function endBurst(stack: Pick<BurstStack, 'client'>, employeeIds: string[]): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < employeeIds.length) {
      const handle = stack.client.workflow.getHandle(employeeWorkflowId(employeeIds[next++]!));
      await handle.terminate('fault scenario over').catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
}
