import type { Stage } from '../../workflows/contract';
import { forbiddenCharacter } from '../../workflows/contract';

/**
 * Visibility queries for employees. Every value is quoted and escaped here, whatever validation
 * came before: no filter can change the query's structure. Datetimes are matched by ranges (the dev
 * server's SQLite visibility does not match a Datetime attribute by `=`).
 */

export interface EmployeeFilters {
  stage?: Stage[];
  department?: string;
  manager?: string;
  startFrom?: Date;
  startBefore?: Date;
  leaveFrom?: Date;
  leaveBefore?: Date;
  needsAttention?: boolean;
  /** why they need attention (`directory-unauthorized`, an error type) */
  reason?: string;
  legalHold?: boolean;
  /** only employees whose destructive action the guard holds */
  heldByGuard?: true;
}

/** Runs that ended in failure: a defect (a workflow never fails on data), listed as needing attention. */
const FAILED = ['Failed', 'TimedOut'];

/** A string literal of the visibility query language: double-quoted, backslash-escaped. */
export function quote(value: string): string {
  // Control characters cannot be written in a literal: refuse rather than guess.
  if (forbiddenCharacter(value)) throw new Error('control characters cannot be quoted');
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const instant = (d: Date) => quote(d.toISOString());

/** The visibility query of a list request; runs that continued as new are left out (their successor is listed). */
export function employeesQuery(filters: EmployeeFilters): string {
  const clauses = [
    `WorkflowType = ${quote('employeeLifecycleWorkflow')}`,
    `ExecutionStatus != ${quote('ContinuedAsNew')}`,
  ];
  if (filters.stage?.length === 1) clauses.push(`LifecycleStage = ${quote(filters.stage[0]!)}`);
  else if (filters.stage && filters.stage.length > 1)
    clauses.push(`LifecycleStage IN (${filters.stage.map(quote).join(', ')})`);
  if (filters.department !== undefined) clauses.push(`Department = ${quote(filters.department)}`);
  if (filters.manager !== undefined) clauses.push(`ManagerEmployeeId = ${quote(filters.manager)}`);
  if (filters.startFrom) clauses.push(`StartDate >= ${instant(filters.startFrom)}`);
  if (filters.startBefore) clauses.push(`StartDate < ${instant(filters.startBefore)}`);
  if (filters.leaveFrom) clauses.push(`LeaveDate >= ${instant(filters.leaveFrom)}`);
  if (filters.leaveBefore) clauses.push(`LeaveDate < ${instant(filters.leaveBefore)}`);
  if (filters.needsAttention === true) {
    clauses.push(`(NeedsAttention = true OR ${FAILED.map((f) => `ExecutionStatus = ${quote(f)}`).join(' OR ')})`);
  } else if (filters.needsAttention === false) {
    clauses.push(`NeedsAttention = false`, ...FAILED.map((f) => `ExecutionStatus != ${quote(f)}`));
  }
  if (filters.reason !== undefined) clauses.push(`NeedsAttentionReason = ${quote(filters.reason)}`);
  if (filters.legalHold !== undefined) clauses.push(`LegalHold = ${String(filters.legalHold)}`);
  if (filters.heldByGuard) clauses.push(`GuardState = ${quote('held')}`);
  return clauses.join(' AND ');
}
