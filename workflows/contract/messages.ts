import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  LeaveChange,
  LegalHoldRequest,
  NoteRequest,
  PolicyRefresh,
  ProfileChange,
  RehireRequest,
} from './requests';
import type { DryRunPlan, DryRunRefusal, PreviewStep } from './dry-run';
import type { EmployeeStatus } from './status';

/**
 * The messages of the employee lifecycle. Updates carry requests (validated before they are
 * accepted: a refused request never enters history) and answer the status after it.
 */

/** The employee's status for HR and operators. */
export const statusQuery = defineQuery<EmployeeStatus>('status');

/**
 * A fact from the directory reconciler: the account's attributes differ from the record in force
 * (someone edited them in the directory). The lifecycle writes its profile again.
 */
export const profileDriftedSignal = defineSignal('profileDrifted');

/** A mover: profile changes, written to the directory. */
export const changeProfileUpdate = defineUpdate<EmployeeStatus, [ProfileChange]>('changeProfile');
/** The leave moved, removed, or brought forward (a manager's early leave). */
export const changeLeaveUpdate = defineUpdate<EmployeeStatus, [LeaveChange]>('changeLeave');
/** The offer was withdrawn before the start date. */
export const withdrawOfferUpdate = defineUpdate<EmployeeStatus, [NoteRequest]>('withdrawOffer');
/** Rehire a deactivated employee on the same account, with new dates. */
export const rehireUpdate = defineUpdate<EmployeeStatus, [RehireRequest]>('rehire');
/** Place a legal hold: nothing is scrubbed or deleted while it is in force. */
export const placeLegalHoldUpdate = defineUpdate<EmployeeStatus, [LegalHoldRequest]>('placeLegalHold');
/** Ask for, or (by a second person) confirm, the release of a legal hold. */
export const releaseLegalHoldUpdate = defineUpdate<EmployeeStatus, [NoteRequest]>('releaseLegalHold');
/** An operator deleted the claimed account in the directory's admin console. */
export const confirmDeletionUpdate = defineUpdate<EmployeeStatus, [NoteRequest]>('confirmDeletion');
/** An operator fixed the cause of a failure: try the failed actions again. */
export const retryUpdate = defineUpdate<EmployeeStatus, [NoteRequest]>('retry');
/** Re-read the lifecycle policy from the worker's configuration. */
export const refreshPolicyUpdate = defineUpdate<EmployeeStatus, [PolicyRefresh]>('refreshPolicy');

/** Plans requests against the lifecycle's state without taking them (a query: nothing is recorded). */
export const previewQuery = defineQuery<Omit<DryRunPlan, 'dryRun' | 'employeeId'> | DryRunRefusal, [PreviewStep[]]>(
  'preview',
);
