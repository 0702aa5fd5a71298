/**
 * The directory activities a workflow may try in its own task (workflows/lifecycle/activities.ts)
 * through the worker's `tryInTask` local activity (activities/in-task.ts): the list both sides share.
 */
export const IN_TASK_ACTIVITIES = [
  'resolveManager',
  'findWorkplaceUser',
  'createWorkplaceUser',
  'reactivateWorkplaceUser',
  'updateWorkplaceProfile',
  'inviteWorkplaceUser',
  'readClaimStatus',
  'remindToClaim',
  'deactivateWorkplaceUser',
  'scrubWorkplaceUser',
  'deleteWorkplaceUser',
  'readBackWorkplaceUser',
] as const;
export type InTaskActivity = (typeof IN_TASK_ACTIVITIES)[number];
