/**
 * The contract of Tenure's workflows: the one door through which the API, the worker, the
 * activities, the schedules, the demo, the bench and the tests reach the lifecycle. Ids, the
 * validation vocabulary, the policy, the messages and the status views live here; nothing here
 * touches I/O (it is bundled into workflow code).
 */
export * from './calendar';
export * from './calendar-answer';
export * from './dates';
export * from './destructive-actions';
export * from './dry-run';
export * from './duration';
export * from './employee';
export * from './employee-rules';
export * from './field-rules';
export * from './fields';
export * from './guard';
export * from './ids';
export * from './in-task-activities';
export * from './leave';
export * from './messages';
export * from './policy';
export * from './policy-defaults';
export * from './protected-accounts';
export * from './release';
export * from './refusal';
export * from './requests';
export * from './search-attributes';
export * from './status';
export * from './text';
export * from './vocabulary';
export * from './zone';
