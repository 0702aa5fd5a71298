import type { WorkflowStartOptions } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  employeeWorkflowId,
  endOfDay,
  iso,
  RequestDigestKey,
  searchAttributesOf,
  startOfDay,
  TASK_QUEUE,
  type Actor,
  type EmployeeRecord,
} from '../../workflows/contract';
import type { employeeLifecycleWorkflow } from '../../workflows';
import { ApiError } from '../errors';
import type { AcceptedView, EmployeeView } from '../schemas/status';
import { describeEmployee, type DescribedEmployee } from './describe';
import { fullStatus, readStatus } from './read-status';
import { differingFields, type RequestDigests } from './request-hash';
import type { TemporalCalls } from './temporal-calls';

/**
 * Idempotent joiners. "The same request" is recognised two ways, either suffices:
 *  1. the keyed digest of the canonical record matches the run's `RequestDigest` search attribute
 *     (set at start, kept across continue-as-new, and plain: it survives the crypto-shredding of the
 *     run's payloads; see RequestDigests), so the original request stays "the same" after movers
 *     changed the record;
 *  2. the record equals the record in force (the status query's `employee`), so an HR feed that
 *     re-sends the current record after a mover is not a conflict either.
 * A running employee with another record is a 409 (change it with PATCH). A closed run (Deleted,
 * Withdrawn) with the same request answers 200 (a replayed feed must not bring a leaver back); a
 * different request starts a new run under the same workflow id.
 */

export type JoinerOutcome =
  { outcome: 'created'; view?: AcceptedView | EmployeeView } | { outcome: 'existing'; view?: EmployeeView };

export interface AdmitOptions {
  /** read the status for the answer (the batch does without) */
  withStatus: boolean;
  /** who asks (recorded in the timeline) */
  by?: Actor;
  /** the keyed digests that recognise a request again */
  digests: RequestDigests;
  /** the API request's id (recorded in the timeline) */
  requestId?: string;
}

/**
 * The Temporal UI's one-line summary of an employee's run: the employee id and department, no
 * names (the UI shows the summary without the codec).
 */
export function staticSummaryOf(record: EmployeeRecord): string {
  return `${record.employeeId}${record.department ? ` · ${record.department}` : ''}`;
}

/**
 * The search attributes of a new run, all of them, so that the workflow's first task upserts
 * nothing: the start and leave instants are resolved here with the same zone rules the worker's
 * calendar uses (when the two runtimes disagree, the workflow's own answer wins with an upsert).
 */
export function initialSearchAttributes(employee: EmployeeRecord, requestDigest: string) {
  const leaveAt = employee.leaveAt
    ? iso(Date.parse(employee.leaveAt))
    : employee.leaveDate
      ? iso(endOfDay(employee.leaveDate, employee.timeZone))
      : undefined;
  const pairs = searchAttributesOf({
    employeeId: employee.employeeId,
    stage: 'Provisioning',
    ...(employee.department ? { department: employee.department } : {}),
    ...(employee.managerEmployeeId ? { managerEmployeeId: employee.managerEmployeeId } : {}),
    startsAt: iso(startOfDay(employee.startDate, employee.timeZone)),
    ...(leaveAt ? { leaveAt } : {}),
    legalHold: false,
    needsAttention: false,
  }).filter((pair) => pair.value !== null);
  return [...pairs, { key: RequestDigestKey, value: requestDigest }];
}

/**
 * The start request of an employee's run: the Temporal UI's summary, and the search attributes that
 * make the employee findable before the worker has run and the request recognisable later.
 */
export function joinerStartOptions(
  employee: EmployeeRecord,
  requestDigest: string,
  reuse: 'ALLOW_DUPLICATE' | 'REJECT_DUPLICATE' = 'ALLOW_DUPLICATE',
  by?: Actor,
  requestId?: string,
): WorkflowStartOptions<typeof employeeLifecycleWorkflow> {
  return {
    taskQueue: TASK_QUEUE,
    workflowId: employeeWorkflowId(employee.employeeId),
    args: [{ employee, ...(by ? { by } : {}), ...(requestId ? { requestId } : {}) }],
    // A running employee is never replaced; a closed one may start again (a new employment).
    workflowIdConflictPolicy: 'FAIL',
    workflowIdReusePolicy: reuse,
    staticSummary: staticSummaryOf(employee),
    typedSearchAttributes: initialSearchAttributes(employee, requestDigest) as never,
  };
}

/**
 * Starts a new run for a record and answers its run id; an ApiError CONFLICT (cause: already
 * started) when one runs — or, with `REJECT_DUPLICATE`, when any run of the employee ever existed.
 */
export async function startRun(
  temporal: TemporalCalls,
  employee: EmployeeRecord,
  requestDigest: string,
  reuse: 'ALLOW_DUPLICATE' | 'REJECT_DUPLICATE' = 'ALLOW_DUPLICATE',
  by?: Actor,
  requestId?: string,
): Promise<string> {
  const handle = await temporal.call(
    'start',
    (client) =>
      client.workflow.start<typeof employeeLifecycleWorkflow>(
        'employeeLifecycleWorkflow',
        joinerStartOptions(employee, requestDigest, reuse, by, requestId),
      ),
    { employeeId: employee.employeeId },
  );
  return handle.firstExecutionRunId;
}

/** The answer for a run this request started: the record and the first stage, without waiting for the worker. */
export function acceptedView(employee: EmployeeRecord, runId: string): AcceptedView {
  return {
    employeeId: employee.employeeId,
    employee,
    stage: 'Provisioning',
    cycle: 1,
    legalHold: false,
    needsAttention: false,
    startedAt: new Date().toISOString(),
    run: { workflowId: employeeWorkflowId(employee.employeeId), runId, executionStatus: 'RUNNING', source: 'start' },
    note: `started; follow it with GET /v1/employees/${employee.employeeId}`,
  };
}

/** True when a start failed because a run of the employee is running already. */
export const isAlreadyStarted = (error: unknown) =>
  error instanceof ApiError && error.cause instanceof WorkflowExecutionAlreadyStartedError;

/** Whether the record is the request an existing run was started with (or the record in force); see the module comment. */
export async function compare(
  temporal: TemporalCalls,
  existing: DescribedEmployee,
  employee: EmployeeRecord,
  { withStatus, digests }: AdmitOptions,
): Promise<{ same: true; view?: EmployeeView } | { same: false; fields: string[] }> {
  const hashMatches = digests.matches(existing.requestDigest, employee);
  if (hashMatches && !withStatus) return { same: true };
  const view = await readStatus(temporal, existing);
  if (hashMatches) return { same: true, view };
  const status = fullStatus(view);
  if (!status) return { same: false, fields: [] };
  const fields = differingFields(employee, status.employee);
  return fields.length === 0 ? { same: true, view } : { same: false, fields };
}

/** Starts a joiner unless the same request was already admitted; see the module comment. */
export async function admitJoiner(
  temporal: TemporalCalls,
  employee: EmployeeRecord,
  options: AdmitOptions,
): Promise<JoinerOutcome> {
  const { withStatus, by, digests, requestId } = options;
  const digest = digests.of(employee);
  const { employeeId } = employee;
  const created = (runId: string): JoinerOutcome => ({
    outcome: 'created',
    ...(withStatus ? { view: acceptedView(employee, runId) } : {}),
  });
  // Most joiners are new: start first, in one call. REJECT_DUPLICATE leaves any earlier run of the
  // employee — running, or closed (a replayed feed must not bring a leaver back) — to the comparison.
  try {
    return created(await startRun(temporal, employee, digest, 'REJECT_DUPLICATE', by, requestId));
  } catch (error) {
    if (!isAlreadyStarted(error)) throw error;
  }
  // Two rounds: a concurrent request may start the run between our look and our start.
  for (let round = 0; round < 2; round++) {
    const existing = await describeEmployee(temporal, employeeId);
    if (existing) {
      const verdict = await compare(temporal, existing, employee, options);
      if (verdict.same) return { outcome: 'existing', ...(verdict.view ? { view: verdict.view } : {}) };
      if (!existing.closed) {
        throw new ApiError(
          'EMPLOYEE_EXISTS',
          `employee ${employeeId} exists with a different record: change it with PATCH /v1/employees/${employeeId}`,
          verdict.fields.map((field) => ({ path: `body.${field}`, message: 'differs from the record in force' })),
        );
      }
    }
    try {
      return created(await startRun(temporal, employee, digest, 'ALLOW_DUPLICATE', by, requestId));
    } catch (error) {
      if (isAlreadyStarted(error)) continue;
      throw error;
    }
  }
  throw new ApiError('CONFLICT', `employee ${employeeId} is being started by a concurrent request; try again`);
}
