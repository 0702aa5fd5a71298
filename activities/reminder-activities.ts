import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { displayNameOf } from '../workflows/contract';
import { recordClaim, snapshotOf, type AccountSnapshot } from './directory-activities';
import type { AuditContext, LedgerRecorder } from './ledger-recorder';
import { FailureType, mappingFailures, type FailureListener } from './failures';
import type { MailEmployee } from './notification-activities';
import type { Notifier } from './notifications';
import type { ScimClient } from './scim';

/**
 * The claim reminder: one directory read (is it claimed yet? its claim link) and, when it is not,
 * the e-mail with the link. The link goes from the directory into the e-mail and nowhere else: not
 * into the workflow's state, its history or any API answer.
 */
export function createReminderActivities(
  directory: ScimClient,
  notifier: Notifier,
  record: LedgerRecorder,
  alerts: FailureListener = {},
) {
  return {
    /**
     * Reads the account; if it is still unclaimed, e-mails the employee reminder number `n` with the
     * claim link. A retried send carries the same Message-ID (the slot), so mail clients show one.
     */
    async remindToClaim(args: {
      userId: string;
      employee: MailEmployee;
      slot: string;
      reminderNumber: number;
      maxReminders: number;
      audit?: AuditContext;
    }): Promise<{ sent: boolean; account: AccountSnapshot }> {
      return mappingFailures(async () => {
        const user = await directory.getUser(args.userId, { signal: Context.current().cancellationSignal });
        const account = snapshotOf(user, directory.capabilities);
        if (account.claimed) {
          await recordClaim(record, account, args.audit);
          return { sent: false, account };
        }
        const claimLink = user.accountStatus?.claimLink;
        if (!claimLink) {
          throw ApplicationFailure.create({
            type: FailureType.MissingClaimLink,
            nonRetryable: true,
            message: `Workplace user ${args.userId} is invited but has no claim link; reminders need one`,
          });
        }
        const { employee } = args;
        await notifier.send({
          kind: 'reminder',
          employeeId: employee.employeeId,
          slot: args.slot,
          to: employee.email,
          ...(employee.locale ? { locale: employee.locale } : {}),
          displayName: displayNameOf(employee),
          claimLink,
          reminderNumber: args.reminderNumber,
          maxReminders: args.maxReminders,
          startDate: employee.startDate,
        });
        return { sent: true, account };
      }, alerts);
    },
  };
}
