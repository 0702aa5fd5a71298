/** The phases an import goes through, each with a count of rows to go. */
export type ImportPhase = 'diff' | 'dry-run' | 'apply';

/** Where an import reports how far it got (a progress bar, or nothing). */
export interface ImportProgress {
  /** a phase begins with this many steps */
  begin(phase: ImportPhase, total: number): void;
  /** the phase has more steps than it said (a snapshot's missing employees) */
  grow(more: number): void;
  /** one step done */
  tick(): void;
  /** the phase is over */
  end(): void;
}

/** Reports nothing: the API's imports, tests. */
export const silentProgress: ImportProgress = { begin() {}, grow() {}, tick() {}, end() {} };
