import type { ReminderNotification } from '../../activities/notifications';

/** A first reminder to Ada, as the lifecycle would send it. */
export const reminderNotification: ReminderNotification = {
  kind: 'reminder',
  employeeId: 'E123',
  slot: 'c1-r1',
  to: 'ada@example.com',
  displayName: 'Ada Lovelace',
  claimLink: 'http://127.0.0.1:9/claim/abc',
  reminderNumber: 1,
  maxReminders: 3,
  startDate: '2026-09-01',
};
