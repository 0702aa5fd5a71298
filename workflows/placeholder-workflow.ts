import { log, sleep } from '@temporalio/workflow';

export interface PlaceholderInput {
  /** how long to wait before completing, in Temporal's duration format (`'30 days'`) */
  wait?: string;
}

/** Proves the wiring of the stack: waits, then completes with a greeting. */
export async function placeholderWorkflow(input: PlaceholderInput = {}): Promise<string> {
  if (input.wait) {
    log.info('placeholder waiting', { wait: input.wait });
    await sleep(input.wait);
  }
  return 'Tenure is wired';
}
