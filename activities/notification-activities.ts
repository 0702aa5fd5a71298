import { displayNameOf, type EmployeeRecord } from '../workflows/contract';
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

/** What an e-mail needs of the employee. */
export type MailEmployee = Pick<
  EmployeeRecord,
  'employeeId' | 'email' | 'givenName' | 'familyName' | 'displayName' | 'locale' | 'startDate' | 'timeZone'
>;

/**
 * The e-mails of the lifecycle (the reminder, which must read the claim link from the directory,
 * is in reminder-activities.ts). Each carries a `slot` (employment, cycle, leave instant…) that
 * makes its Message-ID stable: a retried activity re-sends the same message, not a second one.
 */
export function createNotificationActivities(notifier: Notifier, settings: NotificationSettings) {
  return {
    /** Tells the manager their report has not claimed the account after several reminders. */
    async sendManagerEscalation(args: {
      employee: MailEmployee;
      manager: Recipient;
      slot: string;
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
          remindersSent: args.remindersSent,
          startDate: employee.startDate,
        }),
      );
    },

    /** Tells the manager when their report's account will be deactivated. */
    async sendLeaveNotice(args: {
      employee: MailEmployee;
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
      employee: MailEmployee;
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

    /**
     * Tells the operators that an earlier request to delete an account by hand is withdrawn (the
     * employee was rehired, or a legal hold protects the account): they must not delete it.
     */
    async sendDeletionRequestRetraction(args: {
      employee: Pick<MailEmployee, 'employeeId'>;
      workplaceUserId: string;
      slot: string;
      reason: 'rehired' | 'legal-hold';
    }): Promise<void> {
      await mappingFailures(() =>
        notifier.send({
          kind: 'deletion-request-retraction',
          employeeId: args.employee.employeeId,
          slot: args.slot,
          workplaceUserId: args.workplaceUserId,
          reason: args.reason,
        }),
      );
    },
  };
}
