/**
 * The contract every side imports: task queue, workflow ids, search-attribute keys, the lifecycle
 * types and the messages of Tenure's workflows. Nothing here may touch I/O: it is bundled into
 * workflow code.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { EmployeeProfile } from './employee';
import type {
  DeletionConfirmation,
  EmployeeStatus,
  LeaveChange,
  LegalHoldRequest,
  RehireRequest,
} from './lifecycle/types';

export * from './employee';
export * from './lifecycle/types';
export * from './search-attributes';

/** The task queue Tenure's worker polls. */
export const TASK_QUEUE = 'tenure';

/** The workflow id of one employee's lifecycle: one durable workflow per employee. */
export function employeeWorkflowId(employeeId: string): string {
  return `employee-${employeeId}`;
}

/** The id of the daily Schedule that keeps the Workplace integration from being switched off. */
export const KEEP_ALIVE_SCHEDULE_ID = 'tenure-directory-keep-alive';

/** The employee's status: stage, account, schedule, timeline, last error. */
export const statusQuery = defineQuery<EmployeeStatus>('status');

/** A mover: profile changes, applied to Workplace. */
export const changeProfileUpdate = defineUpdate<EmployeeStatus, [Partial<EmployeeProfile>]>('changeProfile');
/** The leave moved, removed, or brought forward (a manager's early leave). */
export const changeLeaveUpdate = defineUpdate<EmployeeStatus, [LeaveChange]>('changeLeave');
/** The offer was withdrawn before the start date. */
export const withdrawOfferUpdate = defineUpdate<EmployeeStatus, [{ note?: string }]>('withdrawOffer');
/** Rehire a deactivated employee on the same account, with new dates. */
export const rehireUpdate = defineUpdate<EmployeeStatus, [RehireRequest]>('rehire');
export const placeLegalHoldUpdate = defineUpdate<EmployeeStatus, [LegalHoldRequest]>('placeLegalHold');
export const releaseLegalHoldUpdate = defineUpdate<EmployeeStatus, [{ note?: string }]>('releaseLegalHold');
/** An operator deleted the claimed account in the Workplace Admin Panel. */
export const confirmDeletionUpdate = defineUpdate<EmployeeStatus, [DeletionConfirmation]>('confirmDeletion');
/** An operator fixed the cause of a failure: try the failed action again. */
export const retryUpdate = defineUpdate<EmployeeStatus, [{ note?: string }]>('retry');
/** Re-read the lifecycle policy from the worker's configuration. */
export const refreshPolicyUpdate = defineUpdate<EmployeeStatus, []>('refreshPolicy');
