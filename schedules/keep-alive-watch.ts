import { isGrpcServiceError, ScheduleNotFoundError, type Client } from '@temporalio/client';
import { KEEP_ALIVE_SCHEDULE_ID } from '../workflows/contract';

/** One run the keep-alive Schedule started, and how it stands. */
export interface KeepAliveRun {
  workflowId: string;
  runId: string;
  takenAt: Date;
  /** Temporal's execution status: RUNNING, COMPLETED, FAILED, TIMED_OUT, TERMINATED, CANCELLED, … */
  status: string;
  closedAt?: Date;
}

/** What one look at the keep-alive Schedule found. */
export interface KeepAliveHealth {
  /** false until the Schedule exists */
  scheduled: boolean;
  /** the newest run that ended, ended otherwise than COMPLETED */
  lastRunFailed: boolean;
  /** when the newest run that COMPLETED ended, among the runs the Schedule remembers */
  lastSuccessAt?: Date;
  /** runs that ended badly and that this watch had not reported before, oldest first */
  newlyFailed: KeepAliveRun[];
}

const ENDED_BADLY = new Set(['FAILED', 'TIMED_OUT', 'TERMINATED', 'CANCELLED']);
/** gRPC NOT_FOUND: the run's history is gone (past the namespace's retention). */
const NOT_FOUND = new Set<number>([5]);

/** The runs the Schedule remembers (its last ten actions), newest first, each with its status. */
export async function recentKeepAliveRuns(client: Client): Promise<KeepAliveRun[] | undefined> {
  let actions;
  try {
    actions = (await client.schedule.getHandle(KEEP_ALIVE_SCHEDULE_ID).describe()).info.recentActions;
  } catch (error) {
    if (error instanceof ScheduleNotFoundError) return undefined;
    throw error;
  }
  const runs: KeepAliveRun[] = [];
  for (const action of [...actions].reverse()) {
    const { workflowId, firstExecutionRunId: runId } = action.action.workflow;
    try {
      const description = await client.workflow.getHandle(workflowId, runId).describe();
      runs.push({
        workflowId,
        runId,
        takenAt: action.takenAt,
        status: description.status.name,
        ...(description.closeTime ? { closedAt: description.closeTime } : {}),
      });
    } catch (error) {
      if (!(isGrpcServiceError(error) && NOT_FOUND.has(error.code))) throw error;
    }
  }
  return runs;
}

/**
 * Watches the keep-alive Schedule's runs. Each `check()` says whether the newest finished run
 * failed, when the last one succeeded, and which failed runs are new since the last check — so
 * that a caller alerts once per failed run.
 */
export class KeepAliveWatch {
  private readonly reported = new Set<string>();

  constructor(private readonly client: Client) {}

  /** Looks at the Schedule's recent runs now. */
  async check(): Promise<KeepAliveHealth> {
    const runs = await recentKeepAliveRuns(this.client);
    if (!runs) return { scheduled: false, lastRunFailed: false, newlyFailed: [] };
    const ended = runs.filter((run) => run.status !== 'RUNNING');
    const lastSuccess = ended.find((run) => run.status === 'COMPLETED');
    const newlyFailed = ended.filter((run) => ENDED_BADLY.has(run.status) && !this.reported.has(run.runId)).reverse();
    for (const run of newlyFailed) this.reported.add(run.runId);
    return {
      scheduled: true,
      lastRunFailed: ended[0] !== undefined && ENDED_BADLY.has(ended[0].status),
      ...(lastSuccess?.closedAt ? { lastSuccessAt: lastSuccess.closedAt } : {}),
      newlyFailed,
    };
  }
}
