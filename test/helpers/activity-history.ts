import type { WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import { testCodec } from './test-codec';

type History = Awaited<ReturnType<WorkflowHandle['fetchHistory']>>;
type HistoryEvent = NonNullable<History['events']>[number];
type Failure = NonNullable<NonNullable<HistoryEvent['activityTaskFailedEventAttributes']>['failure']>;
type PendingActivityInfo = NonNullable<
  Awaited<ReturnType<WorkflowHandle['describe']>>['raw']['pendingActivities']
>[number];

/** The parts of a Temporal failure the tests look at. */
export interface FailureSummary {
  /** the ApplicationFailure `type` (undefined for other failures) */
  type?: string;
  message: string;
  nonRetryable: boolean;
  /** milliseconds, when the activity asked for it (`nextRetryDelay`) */
  nextRetryDelayMs?: number;
  /** the messages of the causes, outermost first */
  causes: string[];
  /** the raw failure, for payload details */
  raw: Failure;
}

/** One scheduled activity as its history tells it: the attempt that ended it and how. */
export interface ActivityRun {
  /** the attempt that completed or failed (Temporal records only that one's start) */
  attempt: number;
  result: 'completed' | 'failed' | 'timed-out' | 'cancelled' | 'running';
  /** why it failed, for a failed run */
  failure?: FailureSummary;
  /** why the attempt before the last one failed, when there was one */
  lastFailure?: FailureSummary;
}

// Event ids are protobuf Longs (or numbers): compared by their decimal form.
const idOf = (value: { toString(): string } | null | undefined): string => value?.toString() ?? '';

function durationMs(duration: { seconds?: unknown; nanos?: number | null } | null | undefined): number | undefined {
  if (!duration) return undefined;
  return Number(duration.seconds ?? 0) * 1000 + Math.round((duration.nanos ?? 0) / 1e6);
}

/**
 * A failure as the codec wrote it (payloads encrypted, message and stack trace moved into the
 * encoded attributes) made readable again, as Tenure's clients read it.
 */
async function readable(failure: Failure | null | undefined): Promise<Failure | undefined> {
  if (!failure) return undefined;
  const { codec } = await testCodec();
  const restore = async (f: Failure): Promise<Failure> => {
    const [encoded] = f.encodedAttributes ? await codec.decode([f.encodedAttributes]) : [];
    const attributes = encoded
      ? defaultPayloadConverter.fromPayload<{ message?: string; stack_trace?: string }>(encoded)
      : undefined;
    const details = f.applicationFailureInfo?.details?.payloads;
    return {
      ...f,
      ...(details?.length
        ? {
            applicationFailureInfo: {
              ...f.applicationFailureInfo,
              details: { payloads: await codec.decode(details) },
            },
          }
        : {}),
      ...(attributes?.message !== undefined ? { message: attributes.message } : {}),
      ...(attributes?.stack_trace !== undefined ? { stackTrace: attributes.stack_trace } : {}),
      ...(f.cause ? { cause: await restore(f.cause) } : {}),
    };
  };
  return restore(failure);
}

/** The summary of a failure from history or a pending activity. */
export function summarise(failure: Failure | null | undefined): FailureSummary | undefined {
  if (!failure) return undefined;
  const causes: string[] = [];
  for (let cause = failure.cause; cause; cause = cause.cause) causes.push(cause.message ?? '');
  const info = failure.applicationFailureInfo;
  const nextRetryDelayMs = durationMs(info?.nextRetryDelay);
  return {
    ...(info?.type ? { type: info.type } : {}),
    message: failure.message ?? '',
    nonRetryable: Boolean(info?.nonRetryable),
    ...(nextRetryDelayMs !== undefined ? { nextRetryDelayMs } : {}),
    causes,
    raw: failure,
  };
}

/**
 * Every run of the activities of `activityType` in the workflow's history, in the order they were
 * scheduled. Temporal retries an activity inside one scheduled run, so a run's `attempt` counts
 * the attempts made and `lastFailure` says why the previous one failed.
 */
export async function activityRuns(handle: WorkflowHandle, activityType: string): Promise<ActivityRun[]> {
  const events = (await handle.fetchHistory()).events ?? [];
  // Keyed by the id of the ActivityTaskScheduled event, which the later events of the run name.
  const runs = new Map<string, ActivityRun>();
  for (const event of events) {
    const scheduled = event.activityTaskScheduledEventAttributes;
    if (scheduled?.activityType?.name === activityType) {
      runs.set(idOf(event.eventId), { attempt: 0, result: 'running' });
      continue;
    }
    const started = event.activityTaskStartedEventAttributes;
    const failed = event.activityTaskFailedEventAttributes;
    const timedOut = event.activityTaskTimedOutEventAttributes;
    const cancelled = event.activityTaskCanceledEventAttributes;
    const completed = event.activityTaskCompletedEventAttributes;
    const of = (started ?? failed ?? timedOut ?? cancelled ?? completed)?.scheduledEventId;
    const run = of === undefined ? undefined : runs.get(idOf(of));
    if (!run) continue;
    if (started) {
      run.attempt = started.attempt ?? 0;
      const lastFailure = summarise(await readable(started.lastFailure));
      if (lastFailure) run.lastFailure = lastFailure;
    } else if (failed) {
      run.result = 'failed';
      const failure = summarise(await readable(failed.failure));
      if (failure) run.failure = failure;
    } else if (timedOut) run.result = 'timed-out';
    else if (cancelled) run.result = 'cancelled';
    else run.result = 'completed';
  }
  return [...runs.values()];
}

/** What the server says of a running activity of `activityType`: its attempt and the last failure. */
export interface PendingActivity {
  attempt: number;
  lastFailure?: FailureSummary;
  raw: PendingActivityInfo;
}

/** The pending (scheduled or retrying) activity of `activityType`, if there is one. */
export async function pendingActivity(
  handle: WorkflowHandle,
  activityType: string,
): Promise<PendingActivity | undefined> {
  const pending = (await handle.describe()).raw.pendingActivities ?? [];
  const info = pending.find((p) => p.activityType?.name === activityType);
  if (!info) return undefined;
  const lastFailure = summarise(await readable(info.lastFailure));
  return { attempt: info.attempt ?? 0, ...(lastFailure ? { lastFailure } : {}), raw: info };
}
