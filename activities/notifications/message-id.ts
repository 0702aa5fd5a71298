import type { NotificationKind } from './notification';

/**
 * The Message-ID of one send of a notification, derived only from what identifies that send, so a
 * retried activity sends the same message again and receivers deduplicate it.
 */
export function notificationMessageId(
  kind: NotificationKind,
  slot: string,
  employeeId: string,
  domain: string,
): string {
  return `<tenure.${kind}.${slot}.${dotAtom(employeeId)}@${domain}>`;
}

// A Message-ID's left part is a dot-atom (RFC 5322 §3.6.4): an employee id such as `a..b` or
// `.a` would break it. Neither `=` nor any other escaped character occurs in an employee id, so
// writing `.` as `=2E` keeps ids distinct.
function dotAtom(employeeId: string): string {
  return employeeId.replace(/\./g, '=2E');
}
