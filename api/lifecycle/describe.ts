import { WorkflowNotFoundError } from '@temporalio/common';
import {
  DepartmentKey,
  employeeWorkflowId,
  LeaveDateKey,
  LegalHoldKey,
  LifecycleStageKey,
  ManagerEmployeeIdKey,
  NeedsAttentionKey,
  NeedsAttentionReasonKey,
  RequestDigestKey,
  STAGES,
  StartDateKey,
  type Stage,
} from '../../workflows/contract';
import { ApiError } from '../errors';
import type { EmployeeSummary, Run } from '../schemas/status';
import type { ExecutionFacts } from './raw-execution';
import type { TemporalCalls } from './temporal-calls';

/** One employee's latest run, as Temporal describes it (no worker involved). */
export interface DescribedEmployee {
  employeeId: string;
  runId: string;
  executionStatus: Run['executionStatus'];
  /** the run ended: Deleted, Withdrawn, or ended by an operator */
  closed: boolean;
  summary: EmployeeSummary;
  /** the digest of the request that started the run (`RequestDigest`) */
  requestDigest?: string;
}

const stageOf = (value: unknown): Stage | undefined =>
  (STAGES as readonly unknown[]).includes(value) ? (value as Stage) : undefined;

const executionStatusOf = (name: string): Run['executionStatus'] =>
  (['RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT'] as const).find(
    (s) => s === name,
  ) ?? 'UNKNOWN';

/** The summary visibility (or a description) holds of a run: its search attributes. */
export function summaryOf(info: ExecutionFacts): EmployeeSummary {
  const sa = info.typedSearchAttributes;
  const employeeId = info.workflowId.replace(/^employee-/, '');
  const startsAt = sa.get(StartDateKey);
  const leaveAt = sa.get(LeaveDateKey);
  const stage = stageOf(sa.get(LifecycleStageKey));
  const department = sa.get(DepartmentKey);
  const managerEmployeeId = sa.get(ManagerEmployeeIdKey);
  const status = executionStatusOf(info.status.name);
  // A run that failed is a defect, never a data problem: it needs attention like any parked action.
  const failed = status === 'FAILED' || status === 'TIMED_OUT';
  const reason = failed ? 'run-failed' : sa.get(NeedsAttentionReasonKey);
  return {
    employeeId,
    ...(stage ? { stage } : {}),
    ...(department ? { department } : {}),
    ...(managerEmployeeId ? { managerEmployeeId } : {}),
    ...(startsAt ? { startsAt: startsAt.toISOString() } : {}),
    ...(leaveAt ? { leaveAt: leaveAt.toISOString() } : {}),
    legalHold: sa.get(LegalHoldKey) ?? false,
    needsAttention: failed || (sa.get(NeedsAttentionKey) ?? false),
    ...(reason ? { needsAttentionReason: reason } : {}),
    startedAt: info.startTime.toISOString(),
    ...(info.closeTime ? { closedAt: info.closeTime.toISOString() } : {}),
    run: {
      workflowId: info.workflowId,
      runId: info.runId,
      executionStatus: status,
      source: 'visibility',
    },
  };
}

/** Describes the employee's latest run; `undefined` when Temporal never heard of them. */
export async function describeEmployee(
  temporal: TemporalCalls,
  employeeId: string,
): Promise<DescribedEmployee | undefined> {
  try {
    const description = await temporal.call(
      'describe',
      (client) => client.workflow.getHandle(employeeWorkflowId(employeeId)).describe(),
      { employeeId },
    );
    const summary = summaryOf(description);
    return {
      employeeId,
      runId: description.runId,
      executionStatus: summary.run.executionStatus,
      closed: description.status.name !== 'RUNNING',
      summary,
      ...(description.typedSearchAttributes.get(RequestDigestKey)
        ? { requestDigest: description.typedSearchAttributes.get(RequestDigestKey)! }
        : {}),
    };
  } catch (error) {
    if (error instanceof ApiError && error.cause instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
}

/** Like describeEmployee, but an unknown employee is a 404. */
export async function requireEmployee(temporal: TemporalCalls, employeeId: string): Promise<DescribedEmployee> {
  const described = await describeEmployee(temporal, employeeId);
  if (!described) throw new ApiError('EMPLOYEE_NOT_FOUND', `no employee ${employeeId}`);
  return described;
}
