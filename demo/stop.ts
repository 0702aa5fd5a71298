/** Ends the demo with a message for the user (no stack trace) and an exit code. */
export class DemoStop extends Error {
  override name = 'DemoStop';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Exit code when the stack is missing or unfit for the demo (nothing was wrong with the demo itself). */
export const EXIT_STACK_UNFIT = 2;
