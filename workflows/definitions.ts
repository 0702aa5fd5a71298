/**
 * The contract every side imports: task queue, workflow ids, search-attribute keys, and the
 * messages of Tenure's workflows. Nothing here may touch I/O: it is bundled into workflow code.
 */
export * from './employee';
export * from './search-attributes';

/** The task queue Tenure's worker polls. */
export const TASK_QUEUE = 'tenure';

/** The workflow id of one employee's lifecycle: one durable workflow per employee. */
export function employeeWorkflowId(employeeId: string): string {
  return `employee-${employeeId}`;
}
