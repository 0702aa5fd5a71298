import type { ChildExit } from '../child-process';

/** The parts of a local stack that run as processes, by the names `npm start` prints. */
export type StackProcessName = 'temporal' | 'worker' | 'api';

/**
 * How a long-running stack (`npm start`) follows its processes: what they write, and an exit that
 * nobody asked for (a crash, a port another server holds), after which the stack should stop.
 */
export interface StackWatch {
  /** a line a process wrote, or its `started (pid N)` note */
  line(part: StackProcessName, line: string): void;
  /** a process (as first started) exited while the stack was not closing */
  exited(part: StackProcessName, exit: ChildExit): void;
}

/** `code 1` or `signal SIGKILL`: how a process ended, for a message. */
export function describeExit(exit: ChildExit): string {
  return exit.signal ? `signal ${exit.signal}` : `code ${exit.code}`;
}
