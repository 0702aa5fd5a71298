/**
 * A failure the workflow itself finds (not an activity's): recorded like a non-retryable activity
 * failure, parking the action until an operator retries.
 */
export class LifecycleFailure extends Error {
  override name = 'LifecycleFailure';
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}
