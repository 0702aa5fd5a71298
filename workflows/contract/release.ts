/**
 * The lifecycle release: which version of the employee workflow's code began a run. A starter (the
 * API, the HR import, a script) writes it into the run's input; the workflow reads it from there —
 * from its history, so a replay always takes the branch the run took.
 *
 * - absent (runs begun before release 2): every change since the 1.0 baseline is decided by its
 *   `patched()` call, which records a marker and a `TemporalChangeVersion` upsert (two history
 *   events and a visibility write per patch, per run);
 * - 2 (Tenure 1.2, "lean"): every patch listed up to it is in force without a marker, and the
 *   workflow tries each directory request in its own workflow task first (a local activity that
 *   takes a free rate-limit slot or gives way to a task-queue activity: workflows/lifecycle/activities.ts).
 *
 * A run continued as new takes the release of the code that continues it.
 */
export const LIFECYCLE_RELEASE = 2;
