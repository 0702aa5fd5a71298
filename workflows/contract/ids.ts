/** Names that tie Tenure's processes together: the task queue, workflow ids, the keep-alive Schedule. */

/** The task queue Tenure's worker polls. */
export const TASK_QUEUE = 'tenure';

const PREFIX = 'employee-';

/** The workflow id of one employee's lifecycle: one durable workflow per employee. */
export function employeeWorkflowId(employeeId: string): string {
  return `${PREFIX}${employeeId}`;
}

/** The employee id of a lifecycle's workflow id, or undefined for another workflow. */
export function employeeIdOfWorkflow(workflowId: string): string | undefined {
  return workflowId.startsWith(PREFIX) ? workflowId.slice(PREFIX.length) : undefined;
}

/** The id of the Schedule that reconciles the directory with Tenure's ledger (RECONCILE_CRON). */
export const RECONCILE_SCHEDULE_ID = 'tenure-directory-reconcile';

/** The id of the daily Schedule that keeps the Workplace integration from being switched off. */
export const KEEP_ALIVE_SCHEDULE_ID = 'tenure-directory-keep-alive';
