/**
 * The contract as workflow code imports it: everything but the zod schemas, whose types it
 * re-exports. Workflow code runs in Temporal's sandbox, where every workflow evaluates its modules
 * afresh: the schemas, built at module load, cost each workflow about 1 MB of memory and 11 ms of
 * CPU (measured in bench/RESULTS.md, cluster) — the largest part of a sleeping employee's weight in
 * a worker. The update validators load the request schemas when an update first arrives
 * (workflows/lifecycle/validators.ts). A lint rule keeps workflow code on this door.
 */
export * from './calendar';
export * from './calendar-answer';
export * from './dates';
export * from './destructive-actions';
export * from './duration';
export * from './employee-rules';
export * from './field-rules';
export * from './guard';
export * from './ids';
export * from './in-task-activities';
export * from './leave';
export * from './messages';
export * from './policy-defaults';
export * from './protected-accounts';
export * from './release';
export * from './refusal';
export * from './search-attributes';
export * from './text';
export * from './vocabulary';
export * from './zone';
export type * from './dry-run';
export type * from './employee';
export type * from './fields';
export type * from './policy';
export type * from './requests';
export type * from './status';
