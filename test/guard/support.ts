import type { Client } from '@temporalio/client';
import { employeeWorkflowId } from '../../workflows/contract';

/** True when Temporal knows a run of the employee's lifecycle (a dry run or a refusal must leave none). */
export async function workflowExists(client: Client, employeeId: string): Promise<boolean> {
  try {
    await client.workflow.getHandle(employeeWorkflowId(employeeId)).describe();
    return true;
  } catch {
    return false;
  }
}
