import {
  employeeWorkflowId,
  previewQuery,
  REFUSAL,
  type Actor,
  type DryRunPlan,
  type EmployeeRecord,
  type LifecyclePolicy,
  type PreviewStep,
} from '../../workflows/contract';
import { planJoiner } from '../../workflows/dry-run';
import { ApiError } from '../errors';
import type { DryRunAnswer } from '../schemas/dry-run';
import { describeEmployee, requireEmployee } from './describe';
import type { RequestDigests } from './request-hash';
import { compare } from './start-joiner';
import type { TemporalCalls } from './temporal-calls';

/**
 * Dry runs. A joiner is planned here from the same initial state and planner a new lifecycle starts
 * from; a request to a running lifecycle is planned by the lifecycle itself (its `preview` query
 * runs the update's own validator and applier on a copy of its state). Nothing is started, no
 * update is sent, the directory is not called.
 */

/** What admitting this joiner would do: `new` with its plan, `unchanged`, or the 409 the real request gets. */
export async function dryRunJoiner(
  temporal: TemporalCalls,
  employee: EmployeeRecord,
  policy: LifecyclePolicy,
  by: Actor,
  digests: RequestDigests,
): Promise<DryRunAnswer> {
  const existing = await describeEmployee(temporal, employee.employeeId);
  if (existing) {
    const verdict = await compare(temporal, existing, employee, { withStatus: false, by, digests });
    if (verdict.same) {
      return {
        dryRun: true,
        employeeId: employee.employeeId,
        outcome: 'unchanged',
        stage: existing.summary.stage ?? 'Provisioning',
        schedule: [],
        projection: [],
        destructive: 0,
      };
    }
    if (!existing.closed) {
      throw new ApiError(
        'EMPLOYEE_EXISTS',
        `employee ${employee.employeeId} exists with a different record: change it with PATCH /v1/employees/${employee.employeeId}`,
        verdict.fields.map((field) => ({ path: `body.${field}`, message: 'differs from the record in force' })),
      );
    }
  }
  return { ...planJoiner(employee, policy, by, Date.now()), outcome: 'new' };
}

/**
 * What these requests would do to a running lifecycle, as its updates' validators and the planner
 * see it; refused as the update would be (400 malformed, 422 refused, 422 ended, 404 unknown).
 */
export async function dryRunUpdate(
  temporal: TemporalCalls,
  employeeId: string,
  steps: PreviewStep[],
): Promise<DryRunAnswer> {
  const described = await requireEmployee(temporal, employeeId);
  if (described.closed) {
    throw new ApiError(
      'LIFECYCLE_ENDED',
      `the lifecycle of ${employeeId} has ended (${described.summary.stage ?? described.executionStatus.toLowerCase()}): it accepts no request`,
    );
  }
  const answer = await temporal.call(
    'query:preview',
    (client) => client.workflow.getHandle(employeeWorkflowId(employeeId), described.runId).query(previewQuery, steps),
    { employeeId },
  );
  if ('refused' in answer) {
    const { type, message, problems = [] } = answer.refused;
    if (type === REFUSAL.invalid) {
      const details = problems.map((p) => ({ path: p.path ? `body.${p.path}` : 'body', message: p.message }));
      throw new ApiError('VALIDATION_FAILED', message, details);
    }
    throw new ApiError('REQUEST_REJECTED', message);
  }
  return { dryRun: true, employeeId, outcome: 'changed', ...answer } satisfies DryRunPlan & { outcome: 'changed' };
}
