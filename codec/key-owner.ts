import type { SerializationContext } from '@temporalio/common';

/**
 * Whose data key encrypts a payload. Employee workflows are `employee-<employeeId>` (see
 * workflows/definitions.ts); their payloads, and those of their activities, are the employee's.
 * Everything else (the keep-alive, payloads without a context) is the fleet's.
 */

const EMPLOYEE_WORKFLOW = /^employee-([A-Za-z0-9._-]{1,64})$/;

/** The owner of an employee's keys in the store. */
export const employeeOwner = (employeeId: string): string => `employee:${employeeId}`;

/** The owner of payloads that belong to no employee. */
export const FLEET_OWNER = 'fleet';

/** The owner of a workflow's payloads, by its id. */
export function ownerOfWorkflowId(workflowId: string | undefined): string {
  const match = workflowId ? EMPLOYEE_WORKFLOW.exec(workflowId) : null;
  return match ? employeeOwner(match[1]!) : FLEET_OWNER;
}

/** The owner of the payloads converted in a context (a workflow's, or an activity's of that workflow). */
export const ownerOfContext = (context: SerializationContext | undefined): string =>
  ownerOfWorkflowId(context?.workflowId);

/** The employee id of an employee owner, or undefined for the fleet. */
export function employeeIdOfOwner(owner: string): string | undefined {
  return owner.startsWith('employee:') ? owner.slice('employee:'.length) : undefined;
}

/** A data key's id, as written in each payload's metadata: `employee:E123#2`, `fleet#1`. */
export const keyIdOf = (owner: string, version: number): string => `${owner}#${version}`;

/** The owner and version a key id names, or undefined when it is not one of Tenure's. */
export function parseKeyId(keyId: string): { owner: string; version: number } | undefined {
  const match = /^(fleet|employee:[A-Za-z0-9._-]{1,64})#([1-9][0-9]{0,8})$/.exec(keyId);
  return match ? { owner: match[1]!, version: Number(match[2]) } : undefined;
}
