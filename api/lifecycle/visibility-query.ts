import type { Stage } from '../../workflows/definitions';
import { hasControlCharacters } from '../schemas/fields';

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
  legalHold?: boolean;
}

/** A string literal of the visibility query language: double-quoted, backslash-escaped. */
export function quote(value: string): string {
  // Control characters cannot be written in a literal: refuse rather than guess.
  if (hasControlCharacters(value)) throw new Error('control characters cannot be quoted');
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
  if (filters.needsAttention !== undefined) clauses.push(`NeedsAttention = ${String(filters.needsAttention)}`);
  if (filters.legalHold !== undefined) clauses.push(`LegalHold = ${String(filters.legalHold)}`);
  return clauses.join(' AND ');
}
