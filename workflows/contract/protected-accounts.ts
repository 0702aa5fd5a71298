import { EMPLOYEE_ID } from './field-rules';

/**
 * Protected accounts (`GUARD_PROTECTED`): employees Tenure never deactivates, deletes or scrubs —
 * break-glass administrators, the integration's own account. An entry is an employee id, or a
 * user-name (e-mail) pattern where `*` stands for any run of characters; the two cannot be
 * confused, because an employee id has neither `@` nor `*`. Pure: the workflow, the worker and the
 * API decide alike.
 */

/** True when the entry is a user-name pattern (it has `@` or `*`), not an employee id. */
export const isUserNamePattern = (entry: string) => /[@*]/.test(entry);

/** Why an entry of `GUARD_PROTECTED` is malformed, or undefined when it is fine. */
export function protectedEntryProblem(entry: string): string | undefined {
  if (isUserNamePattern(entry)) {
    if (entry.length > 254 || /[\s\p{C}]/u.test(entry)) return `'${entry}' is not a user-name pattern`;
    return undefined;
  }
  return EMPLOYEE_ID.test(entry) ? undefined : `'${entry}' is neither an employee id nor a user-name pattern`;
}

/** The entries of a comma-separated `GUARD_PROTECTED` value, trimmed, blanks dropped. */
export function protectedEntriesOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

function patternMatches(pattern: string, userName: string): boolean {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i').test(userName);
}

/**
 * Why the employee is protected — which rule, never the address itself, so that the reason may go
 * into failure messages and logs — or undefined when they are not.
 */
export function protectionOf(
  entries: readonly string[] | undefined,
  employee: { employeeId: string; email?: string },
): string | undefined {
  if (!entries) return undefined;
  for (const [i, entry] of entries.entries()) {
    if (isUserNamePattern(entry)) {
      if (employee.email !== undefined && patternMatches(entry, employee.email)) {
        return `the user name matches protected pattern #${i + 1} of GUARD_PROTECTED`;
      }
    } else if (entry === employee.employeeId) {
      return `employee ${employee.employeeId} is listed in GUARD_PROTECTED`;
    }
  }
  return undefined;
}
