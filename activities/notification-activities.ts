import type { EmployeeRecord } from '../workflows/employee';
import { displayNameOf } from '../workflows/employee';
import { mappingFailures } from './failures';
import type { Notifier } from './notifications';

export interface NotificationSettings {
  /** base URL of Tenure's API, for the operators' confirmation link */
  apiPublicUrl: string;
}

interface Recipient {
  email: string;
  displayName?: string;
}

type Employee = Pick<
  EmployeeRecord,
  'employeeId' | 'email' | 'givenName' | 'familyName' | 'displayName' | 'locale' | 'startDate' | 'timeZone'
>;

/**
 * The e-mails of the lifecycle. Each carries a `slot` (cycle and reminder number, leave instant…)
 * that makes its Message-ID stable: a retried activity re-sends the same message, not a second one.
 */
export function createNotificationActivities(notifier: Notifier, settings: NotificationSettings) {
  return {
    /** Reminds the employee to claim the account, with the claim link. */
    async sendClaimReminder(args: {
      employee: Employee;
      slot: string;
      claimLink: string;
      reminderNumber: number;
      maxReminders: number;
    }): Promise<void> {
      const { employee } = args;
      await mappingFailures(() =>
        notifier.send({
          kind: 'reminder',
          employeeId: employee.employeeId,
          slot: args.slot,
          to: employee.email,
          ...(employee.locale ? { locale: employee.locale } : {}),
          displayName: displayNameOf(employee),
          claimLink: args.claimLink,
          reminderNumber: args.reminderNumber,
          maxReminders: args.maxReminders,
          startDate: employee.startDate,
        }),
      );
    },

    /** Tells the manager their report has not claimed the account after several reminders. */
    async sendManagerEscalation(args: {
      employee: Employee;
      manager: Recipient;
      slot: string;
      claimLink?: string;
      remindersSent: number;
    }): Promise<void> {
      const { employee, manager } = args;
      await mappingFailures(() =>
        notifier.send({
          kind: 'manager-escalation',
          employeeId: employee.employeeId,
          slot: args.slot,
          to: manager.email,
          ...(employee.locale ? { locale: employee.locale } : {}),
          ...(manager.displayName ? { managerName: manager.displayName } : {}),
          employeeName: displayNameOf(employee),
          employeeEmail: employee.email,
          ...(args.claimLink ? { claimLink: args.claimLink } : {}),
          remindersSent: args.remindersSent,
          startDate: employee.startDate,
        }),
      );
    },

    /** Tells the manager when their report's account will be deactivated. */
    async sendLeaveNotice(args: {
      employee: Employee;
      manager: Recipient;
      slot: string;
      deactivateAt: string;
      reason: 'leave-date' | 'early-leave';
    }): Promise<void> {
      const { employee, manager } = args;
      await mappingFailures(() =>
        notifier.send({
          kind: 'leave-notice',
          employeeId: employee.employeeId,
          slot: args.slot,
          to: manager.email,
          ...(employee.locale ? { locale: employee.locale } : {}),
          ...(manager.displayName ? { managerName: manager.displayName } : {}),
          employeeName: displayNameOf(employee),
          deactivateAt: args.deactivateAt,
          timeZone: employee.timeZone,
          reason: args.reason,
        }),
      );
    },

    /** Asks operators to delete a claimed account in the Workplace Admin Panel, then confirm. */
    async sendManualDeletionRequest(args: {
      employee: Employee;
      workplaceUserId: string;
      slot: string;
    }): Promise<void> {
      const { employee } = args;
      const confirmUrl = new URL(
        `v1/employees/${encodeURIComponent(employee.employeeId)}/deletion-confirmed`,
        settings.apiPublicUrl.endsWith('/') ? settings.apiPublicUrl : `${settings.apiPublicUrl}/`,
      ).toString();
      await mappingFailures(() =>
        notifier.send({
          kind: 'manual-deletion-request',
          employeeId: employee.employeeId,
          slot: args.slot,
          employeeName: displayNameOf(employee),
          workplaceUserId: args.workplaceUserId,
          confirmUrl,
        }),
      );
    },
  };
}
