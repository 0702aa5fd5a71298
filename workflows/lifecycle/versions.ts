import { patched } from '@temporalio/workflow';

/**
 * The lifecycle's versioning, from the 1.0 baseline on (README "Versioning"). A change that alters
 * the commands an existing history would replay (an activity added, removed, reordered or given
 * other options; a timer; an upsert) ships behind `patched(id)` with its id listed here, and the
 * histories recorded before it stay committed and replayed (test/histories/).
 *
 * Each patch then goes, one release at a time:
 *   1. `patched(id)`: new runs take the new branch, running ones replay the old one;
 *   2. `deprecatePatch(id)`, once no run that began before the patch is open (a visibility query
 *      for runs started before the release that carried step 1 answers none) — the old branch is
 *      deleted, the marker stays;
 *   3. removal of the call, once no open run began before the release that carried step 2 — its
 *      histories from before step 1 are dropped from the replay suite in the same change.
 *
 * At 1.0 no patch was live.
 *
 * Release 2 (contract/release.ts) folds the patches listed here with `since` up to 1.2: a run whose
 * input names release 2 or later takes their new branches without calling `patched()` — no marker,
 * no `TemporalChangeVersion` upsert — while runs begun before it replay through `patched()` as they
 * always did. A patch added after release 2 is a `patched()` call again, until the next release folds it.
 */
export const LIVE_PATCHES: readonly { id: string; since: string; what: string }[] = [
  {
    id: 'guard-brake',
    since: '1.1',
    what: 'a destructive action claims a permit from the guard (a local activity) and may be held (workflows/lifecycle/guard.ts)',
  },
  {
    id: 'read-back-after-removal',
    since: '1.1',
    what: 'after a deactivation or deletion, the account is read back (one activity more); histories in test/histories/read-back-after-removal/',
  },
  {
    id: 'leave-now-first',
    since: '1.1',
    what: 'the deactivation of a leave effective now goes first on the task queue (priority 1), scheduled deactivations next (2), other critical work after them (3) (workflows/lifecycle/activities.ts); histories in test/histories/leave-now-first/',
  },
  {
    id: 'release-2',
    since: '1.2',
    what: 'a continued run records that code of release 2 or later ran its first task, and takes its branches (a new run learns its release from beginLifecycle, without a marker); histories in test/histories/release-2/',
  },
];

/**
 * The marker a continued run records when code of release 2 or later runs its first task (a new
 * run learns its release from its first local activity instead, at no cost in events).
 */
export const RELEASE_PATCH = 'release-2';

/** The release of the code that began this run (state.release), and whether it tries requests in its tasks. */
let runRelease = 1;
let runInTask = false;

/**
 * Notes the release that began this run and whether it tries directory requests in its workflow
 * tasks. Module state is the run's own: every workflow evaluates its modules afresh in Temporal's
 * sandbox.
 */
export function beginRelease(release: number | undefined, directoryInTask: boolean | undefined): void {
  runRelease = release ?? 1;
  runInTask = runRelease >= 2 && directoryInTask === true;
}

/** Whether this run began on release `release` or later. */
export function since(release: number): boolean {
  return runRelease >= release;
}

/** Whether this run tries directory requests in its workflow tasks first (release 2 on, unless switched off). */
export function triesInTask(): boolean {
  return runInTask;
}

/** Whether a patch folded into release 2 is in force: always from release 2 on, else by its marker. */
export function inForce(patchId: string): boolean {
  return since(2) || patched(patchId);
}
