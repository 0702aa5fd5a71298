import type { EmployeeProfile, EmployeeRecord } from './employee';
import { leaveProblems } from './leave';

/**
 * Rules of an employee record the workflow applies without the schemas (kept free of zod: see
 * core.ts).
 */

/** The fields of an employee's profile (what a mover can change). */
export const PROFILE_FIELDS = [
  'email',
  'givenName',
  'familyName',
  'displayName',
  'title',
  'department',
  'costCenter',
  'managerEmployeeId',
  'locale',
] as const satisfies readonly (keyof EmployeeProfile)[];

/** Problems of a whole record that no single field shows: leave rules, self-management. */
export function recordProblems(
  record: Partial<EmployeeRecord>,
  { leaveBeforeStart = false }: { leaveBeforeStart?: boolean } = {},
): { path: string; message: string }[] {
  const problems = leaveProblems(record, { leaveBeforeStart });
  if (record.managerEmployeeId !== undefined && record.managerEmployeeId === record.employeeId) {
    problems.push({ path: 'managerEmployeeId', message: 'an employee cannot be their own manager' });
  }
  return problems;
}

/** The display name the directory shows when the HR system sends none. */
export function displayNameOf(profile: Pick<EmployeeProfile, 'displayName' | 'givenName' | 'familyName'>): string {
  return profile.displayName ?? `${profile.givenName} ${profile.familyName}`;
}
