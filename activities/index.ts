import type { LifecyclePolicy } from '../workflows/contract';
import { workerAlerts } from './alerts';
import type { DataKeyRing } from '../codec/data-key-ring';
import { createDirectoryActivities, type DirectoryDefaults } from './directory-activities';
import { createInTaskActivity } from './in-task';
import { ledgerRecorder } from './ledger-recorder';
import { createReconcileActivities, type ReconcileSettings } from './reconcile-activities';
import type { LedgerTable } from '../store/ledger';
import type { ReconciliationTable } from '../store/reconciliations';
import type { FailureListener } from './failures';
import { createGuardActivities, type GuardDeps } from './guard-activities';
import { createNotificationActivities, type NotificationSettings } from './notification-activities';
import type { Notifier } from './notifications';
import { createReminderActivities } from './reminder-activities';
import { createPrivacyActivities, type PrivacySettings } from './privacy-activities';
import type { ScimClient } from './scim';
import { createScheduleActivities } from './schedule-activities';

export interface ActivityDeps {
  directory: ScimClient;
  notifier: Notifier;
  policy: () => LifecyclePolicy;
  /** GUARD_PROTECTED: employee ids and user-name patterns never deactivated, deleted or scrubbed; none by default */
  protectedAccounts?: () => readonly string[];
  /** whether lifecycles this worker begins try directory requests in the workflow task (DIRECTORY_IN_TASK); yes by default */
  directoryInTask?: () => boolean;
  defaults: DirectoryDefaults;
  notifications: NotificationSettings;
  /** fleet-wide alerts (the directory refusing Tenure's credentials); the worker's log and metrics by default */
  alerts?: FailureListener;
  /** the data keys of the Tenure store (the codec's), for crypto-shredding */
  keys: DataKeyRing;
  privacy: PrivacySettings;
  /** the blast-radius brake; absent: every destructive action is permitted (tests of other parts) */
  guard?: GuardDeps;
  /** the audit ledger of the Tenure store: every directory write records itself there */
  ledger: LedgerTable;
  /** where the directory reconciler records its runs */
  reconciliations: ReconciliationTable;
  /** accounts the reconciler never touches; none by default */
  reconcile?: ReconcileSettings;
}

/** Every activity of Tenure, bound to its clients; the worker registers the result, workflows proxy its type. */
export function createActivities(deps: ActivityDeps) {
  const alerts = deps.alerts ?? workerAlerts;
  const record = ledgerRecorder(deps.ledger);
  const directory = {
    ...createDirectoryActivities(deps.directory, deps.defaults, record, alerts),
    ...createReminderActivities(deps.directory, deps.notifier, record, alerts),
  };
  return {
    ...directory,
    ...createInTaskActivity(directory),
    ...createNotificationActivities(deps.notifier, deps.notifications),
    ...createScheduleActivities(deps.policy, deps.protectedAccounts, deps.directoryInTask),
    ...createPrivacyActivities(deps.keys, deps.privacy),
    ...createGuardActivities(deps.guard, {
      notifier: deps.notifier,
      apiPublicUrl: deps.notifications.apiPublicUrl,
    }),
    ...createReconcileActivities(
      deps.directory,
      { ledger: deps.ledger, reconciliations: deps.reconciliations },
      record,
      deps.reconcile ?? { protectedIds: [] },
      alerts,
    ),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { AccountSnapshot, ManagerDirectoryEntry } from './directory-activities';
