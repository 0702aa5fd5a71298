import type { NativeConnection } from '@temporalio/worker';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../../../activities';
import { createNotifier } from '../../../activities/notifications';
import { loadMailConfig } from '../../../activities/notifications/config';
import { ScimClient } from '../../../activities/scim';
import type { OpenCodec } from '../../../codec';
import { TASK_QUEUE, type LifecyclePolicy } from '../../../workflows/contract';
import { workflowBundle } from './workflow-bundle';

/** What an in-process worker binds Tenure's real activities to. */
export interface InProcessWorkerSpec {
  connection: NativeConnection;
  namespace?: string;
  /** the codec of the stack's clients: its data converter, keys, ledger and guard store */
  codec: OpenCodec;
  /** the Workplace SCIM base URL and token (the emulator's) */
  workplace: { url: string; token: string };
  /** the SMTP port on 127.0.0.1 (the sink's) */
  smtpPort: number;
  policy: LifecyclePolicy;
  /** per-request timeout of the SCIM client */
  scimTimeoutMs?: number;
  apiPublicUrl?: string;
  /** GUARD_PROTECTED of the worker */
  protectedAccounts?: readonly string[];
  /** DIRECTORY_IN_TASK of the worker (yes by default) */
  directoryInTask?: boolean;
  /** the blast-radius brake on the codec's store; absent: every destructive action is permitted */
  guard?: { maxPerHour: number; maxShare: number; activeAccounts?: () => Promise<number> };
  workerOptions?: Partial<
    Pick<
      WorkerOptions,
      'maxTaskQueueActivitiesPerSecond' | 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions'
    >
  >;
}

/** A running in-process worker and the SCIM client its activities use. */
export interface InProcessWorker {
  worker: Worker;
  directory: ScimClient;
  /** shuts the worker down and waits for it, then closes its SMTP transport */
  close(): Promise<void>;
}

/**
 * Tenure's worker in this process, with its real activities (SCIM client, SMTP notifier, ledger,
 * keys) and an explicit policy: for a time-skipping server, where years pass in seconds, which
 * a worker process cannot follow.
 */
export async function startInProcessWorker(spec: InProcessWorkerSpec): Promise<InProcessWorker> {
  const { codec } = spec;
  const directory = new ScimClient({
    baseUrl: spec.workplace.url,
    token: spec.workplace.token,
    profile: 'workplace',
    timeoutMs: spec.scimTimeoutMs ?? 5_000,
  });
  const notifier = createNotifier(loadMailConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(spec.smtpPort) }));
  const worker = await Worker.create({
    connection: spec.connection,
    namespace: spec.namespace ?? 'default',
    taskQueue: TASK_QUEUE,
    workflowBundle: await workflowBundle(),
    dataConverter: codec.dataConverter,
    activities: createActivities({
      directory,
      notifier,
      policy: () => spec.policy,
      protectedAccounts: () => spec.protectedAccounts ?? [],
      directoryInTask: () => spec.directoryInTask ?? true,
      ...(spec.guard
        ? {
            guard: {
              permits: codec.store.guardPermits,
              limits: { maxPerHour: spec.guard.maxPerHour, maxShare: spec.guard.maxShare },
              ...(spec.guard.activeAccounts ? { activeAccounts: spec.guard.activeAccounts } : {}),
            },
          }
        : {}),
      defaults: { locale: 'en_US', authMethod: 'sso' },
      notifications: { apiPublicUrl: spec.apiPublicUrl ?? 'http://localhost:3000' },
      keys: codec.keys,
      privacy: { keyGraceMs: 0 },
      ledger: codec.store.ledger,
      reconciliations: codec.store.reconciliations,
    }),
    ...spec.workerOptions,
  });
  const running = worker.run();
  return {
    worker,
    directory,
    async close() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      notifier.close();
    },
  };
}
