import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { createNotifier } from '../../activities/notifications';
import { ScimClient } from '../../activities/scim';
import { loadMailConfig } from '../../activities/notifications/config';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator/server';
import { startSmtpSink, type RunningSmtpSink, type SmtpSinkOptions } from '../../smtp-sink/sink';
import { TASK_QUEUE } from '../../workflows/contract';
import type { LifecyclePolicy } from '../../workflows/contract';
import { createDevServerEnv } from './temporal-env';
import { testCodec } from './test-codec';
import { workflowBundle } from './workflow-bundle';

export interface RealStack {
  env: TestWorkflowEnvironment;
  emulator: RunningEmulator;
  sink: RunningSmtpSink;
  directory: ScimClient;
  worker: Worker;
  close(): Promise<void>;
}

export interface RealStackOptions {
  policy: LifecyclePolicy;
  /** an existing environment (a time-skipping one, say); a dev server is started otherwise */
  env?: TestWorkflowEnvironment;
  emulator?: EmulatorOptions;
  sink?: SmtpSinkOptions;
  /** per-request timeout of the SCIM client */
  scimTimeoutMs?: number;
  apiPublicUrl?: string;
  /** GUARD_PROTECTED of the worker */
  protectedAccounts?: readonly string[];
  /** the blast-radius brake on the test codec's store; absent: every destructive action is permitted */
  guard?: { maxPerHour: number; maxShare: number; activeAccounts?: () => Promise<number> };
  workerOptions?: Partial<
    Pick<
      WorkerOptions,
      'maxTaskQueueActivitiesPerSecond' | 'maxConcurrentActivityTaskExecutions' | 'maxConcurrentWorkflowTaskExecutions'
    >
  >;
}

/**
 * Everything real but the HR system: a Temporal server, the Workplace emulator, the SMTP sink and a
 * worker with Tenure's real activities (SCIM client, SMTP notifier) bound to them.
 */
export async function startRealStack(options: RealStackOptions): Promise<RealStack> {
  const env = options.env ?? (await createDevServerEnv());
  const emulator = await startEmulator({ port: 0, ...options.emulator });
  const sink = await startSmtpSink({ smtpPort: 0, httpPort: 0, ...options.sink });
  const directory = new ScimClient({
    baseUrl: emulator.url,
    token: emulator.token,
    profile: 'workplace',
    timeoutMs: options.scimTimeoutMs ?? 5_000,
  });
  const codec = await testCodec();
  const notifier = createNotifier(loadMailConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.smtpPort) }));
  const worker = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue: TASK_QUEUE,
    workflowBundle: await workflowBundle(),
    dataConverter: codec.dataConverter,
    activities: createActivities({
      directory,
      notifier,
      policy: () => options.policy,
      protectedAccounts: () => options.protectedAccounts ?? [],
      ...(options.guard
        ? {
            guard: {
              permits: codec.store.guardPermits,
              limits: { maxPerHour: options.guard.maxPerHour, maxShare: options.guard.maxShare },
              ...(options.guard.activeAccounts ? { activeAccounts: options.guard.activeAccounts } : {}),
            },
          }
        : {}),
      defaults: { locale: 'en_US', authMethod: 'sso' },
      notifications: { apiPublicUrl: options.apiPublicUrl ?? 'http://localhost:3000' },
      keys: codec.keys,
      privacy: { keyGraceMs: 0 },
      ledger: codec.store.ledger,
      reconciliations: codec.store.reconciliations,
    }),
    ...options.workerOptions,
  });
  const running = worker.run();
  return {
    env,
    emulator,
    sink,
    directory,
    worker,
    async close() {
      worker.shutdown();
      await running;
      notifier.close();
      await sink.close();
      await emulator.close();
      if (!options.env) await env.teardown();
    },
  };
}
