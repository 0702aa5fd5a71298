import { createActivities } from '../activities';
import { createNotifier, type Notifier } from '../activities/notifications';
import { ScimClient } from '../activities/scim';
import type { DataKeyRing } from '../codec/data-key-ring';
import type { TenureStore } from '../store';
import type { WorkerConfig } from './config';

/** The worker's clients and the activities bound to them; `close()` releases the clients. */
export function activitiesFor(
  config: WorkerConfig,
  keys: DataKeyRing,
  store: TenureStore,
): {
  activities: ReturnType<typeof createActivities>;
  close(): void;
} {
  // The task-queue rate limit holds the rate across workers; pacing at this worker's share takes
  // off its first-second burst.
  const directory = new ScimClient({
    ...config.scim,
    ...(config.pacePerSecond ? { maxRequestsPerSecond: config.pacePerSecond } : {}),
  });
  const notifier: Notifier = createNotifier(config.mail);
  const activities = createActivities({
    directory,
    notifier,
    policy: () => config.policy,
    protectedAccounts: () => config.guard.protectedAccounts,
    directoryInTask: () => config.directoryInTask,
    guard: { permits: store.guardPermits, limits: config.guard },
    defaults: { locale: config.mail.defaultLocale, authMethod: config.defaultAuthMethod },
    notifications: { apiPublicUrl: config.apiPublicUrl },
    keys,
    privacy: config.privacy,
    ledger: store.ledger,
    reconciliations: store.reconciliations,
    reconcile: config.reconcile,
  });
  return { activities, close: () => notifier.close() };
}
