import type { Client } from '@temporalio/client';
import { fromTemporal, temporalErrorKind } from '../errors';

/** Counts a failed Temporal call (for metrics), by operation and kind of failure. */
export type TemporalErrorListener = (operation: string, kind: string) => void;

/**
 * Every Temporal call the API makes goes through here: each gets a deadline (the SDK retries an
 * unreachable frontend for a long time otherwise), failures are counted and mapped to API errors.
 */
export class TemporalCalls {
  constructor(
    readonly client: Client,
    private readonly timeoutMs: number,
    private readonly onError: TemporalErrorListener = () => undefined,
  ) {}

  get namespace(): string {
    return this.client.options.namespace;
  }

  /** Runs `fn` under a deadline; what it throws comes back as an ApiError where one applies. */
  async call<T>(
    operation: string,
    fn: (client: Client) => Promise<T>,
    { timeoutMs = this.timeoutMs, employeeId }: { timeoutMs?: number; employeeId?: string } = {},
  ): Promise<T> {
    try {
      return await this.client.connection.withDeadline(Date.now() + timeoutMs, () => fn(this.client));
    } catch (error) {
      this.onError(operation, temporalErrorKind(error));
      throw fromTemporal(error, employeeId);
    }
  }
}
