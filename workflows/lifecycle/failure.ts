/**
 * A failure the workflow itself finds (not an activity's): recorded like a non-retryable activity
 * failure, parking the action until an operator retries. Its `reason` (NeedsAttention's) is its
 * type unless given.
 */
export class LifecycleFailure extends Error {
  override name = 'LifecycleFailure';
  constructor(
    readonly type: string,
    message: string,
    /** why the employee needs attention, when it is a reason of Tenure's own rather than the type */
    readonly reason: string = type,
  ) {
    super(message);
  }
}
