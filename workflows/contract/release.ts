/**
 * The lifecycle release: which version of the employee workflow's code began a run. The worker's
 * first local activity of a new run (`beginLifecycle`) answers the release of the code it runs,
 * and the workflow keeps it in its state — so the branch a run takes is recorded in its history,
 * decided by the code that ran its first task, and a replay on any later code takes it too; a run
 * that older code began has no release in that answer. A continued run records the release-2 patch
 * marker instead (workflows/lifecycle/versions.ts).
 *
 * - none (runs begun before release 2): every change since the 1.0 baseline is decided by its
 *   `patched()` call, which records a marker and a `TemporalChangeVersion` upsert (two history
 *   events and a visibility write per patch, per run);
 * - 2 (Tenure 1.2, "lean"): every patch listed up to it is in force without a marker, and the
 *   workflow tries each directory request in its own workflow task first (a local activity that
 *   takes a free rate-limit turn or none, handing over to a task-queue activity:
 *   workflows/lifecycle/activities.ts) unless the worker that began the run had DIRECTORY_IN_TASK=false.
 */
export const LIFECYCLE_RELEASE = 2;
