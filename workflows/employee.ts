/**
 * The employee record and the lifecycle vocabulary (see the domain notes): one set of names for
 * the workflow state, the search attributes, the API's JSON, the README and the tests.
 */

export type AuthMethod = 'sso' | 'password';

/** What a mover can change: applied to Workplace by the profile update. */
export interface EmployeeProfile {
  /** work address; Workplace `userName` */
  email: string;
  givenName: string;
  familyName: string;
  /** defaults to "given family" */
  displayName?: string;
  title?: string;
  department?: string;
  costCenter?: string;
  /** the manager's HR employee id; resolved to their Workplace user id */
  managerEmployeeId?: string;
  /** like `en_US` */
  locale?: string;
}

/** The employee record an HR system sends for a joiner. */
export interface EmployeeRecord extends EmployeeProfile {
  /** HR id: 1–64 of `A-Z a-z 0-9 . _ -`; Workplace `externalId` and `employeeNumber` */
  employeeId: string;
  /** IANA zone: decides "start of the start day" and "end of the leave day" */
  timeZone: string;
  /** `YYYY-MM-DD` */
  startDate: string;
  /** `YYYY-MM-DD`: deactivate at the end of that day in `timeZone` (exclusive with `leaveAt`) */
  leaveDate?: string;
  /** ISO-8601 instant: deactivate then (exclusive with `leaveDate`) */
  leaveAt?: string;
  authMethod?: AuthMethod;
}

export const STAGES = [
  'Provisioning',
  'Provisioned',
  'Invited',
  'Active',
  'Unclaimed',
  'Deactivated',
  'AwaitingManualDeletion',
  'Deleted',
  'Withdrawn',
] as const;
export type Stage = (typeof STAGES)[number];

export const TIMELINE_EVENTS = [
  'provisioned',
  'invited',
  'reminder-sent',
  'manager-escalated',
  'claimed',
  'reminders-exhausted',
  'profile-updated',
  'leave-scheduled',
  'leave-moved',
  'leave-cancelled',
  'leave-notice-sent',
  'deactivated',
  'legal-hold-placed',
  'legal-hold-released',
  'scrubbed',
  'manual-deletion-requested',
  'deletion-confirmed',
  'deleted',
  'rehired',
  'withdrawn',
  'failed',
  'retried',
] as const;
export type TimelineEventName = (typeof TIMELINE_EVENTS)[number];

/** The display name Workplace shows when the HR system sends none. */
export function displayNameOf(profile: Pick<EmployeeProfile, 'displayName' | 'givenName' | 'familyName'>): string {
  return profile.displayName ?? `${profile.givenName} ${profile.familyName}`;
}
