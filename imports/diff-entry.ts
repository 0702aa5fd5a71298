import type { ApiRequest } from './api-port';

/**
 * The diff's classes: a joiner, a change to a running lifecycle (a mover's fields and/or its leave),
 * a rehire, a leaver (snapshot mode: missing from the file), nothing to do, an employee a snapshot
 * leaves alone, a conflict, an invalid row.
 */
export type DiffKind = 'joiner' | 'change' | 'rehire' | 'leaver' | 'unchanged' | 'kept' | 'conflict' | 'invalid';

/** What happens to a leave: set where there was none, moved, removed. */
export type LeaveChangeKind = 'set' | 'moved' | 'removed';

/** One line of the diff: a row of the file (with its line) or an employee the snapshot misses. */
export interface DiffEntry {
  /** the file line; absent for an employee missing from a snapshot */
  line?: number;
  employeeId?: string;
  kind: DiffKind;
  /** the profile fields that change (a mover; a rehire's changes) */
  fields?: string[];
  leave?: LeaveChangeKind;
  /** why: a conflict's or a kept employee's reason, a rehire's kind */
  note?: string;
  /** an invalid row's problems, each naming its column */
  problems?: string[];
  /** the API request that carries the change out (the dry run sends it with ?dryRun=true) */
  request?: ApiRequest;
}

/** The kinds that change something. */
export const CHANGING: readonly DiffKind[] = ['joiner', 'change', 'rehire', 'leaver'];
