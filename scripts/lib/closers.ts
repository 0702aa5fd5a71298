/**
 * What a harness started, to be closed in the reverse order of its start: every close is tried
 * even when an earlier one fails, and the failures are reported together. Closing twice is safe.
 */
export class Closers {
  private readonly closers: (() => Promise<unknown>)[] = [];

  constructor(private readonly what: string) {}

  /** Registers how to close something just started. */
  add(close: () => Promise<unknown>): void {
    this.closers.push(close);
  }

  /** Closes everything registered, last first. */
  async closeAll(): Promise<void> {
    const errors: unknown[] = [];
    for (const close of this.closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, `${this.what} did not close cleanly`);
  }
}
