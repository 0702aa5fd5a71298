import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { ScimClient } from '../../activities/scim';
import type { EmulatorOptions, RunningEmulator } from '../../emulator/server';
import { startInProcessWorker, type InProcessWorkerSpec } from '../../scripts/lib/stack/in-process-worker';
import { startLocalStack } from '../../scripts/lib/stack/local-stack';
import type { RunningSmtpSink, SmtpSinkOptions } from '../../smtp-sink/sink';
import { createDevServerEnv } from './temporal-env';
import { testCodec } from './test-codec';

export interface RealStack {
  env: TestWorkflowEnvironment;
  emulator: RunningEmulator;
  sink: RunningSmtpSink;
  directory: ScimClient;
  worker: Worker;
  close(): Promise<void>;
}

export interface RealStackOptions extends Pick<
  InProcessWorkerSpec,
  'policy' | 'scimTimeoutMs' | 'apiPublicUrl' | 'protectedAccounts' | 'guard' | 'workerOptions'
> {
  /** an existing environment (a time-skipping one, say); a dev server is started otherwise */
  env?: TestWorkflowEnvironment;
  emulator?: EmulatorOptions;
  sink?: SmtpSinkOptions;
}

/**
 * Everything real but the HR system: a Temporal server, the Workplace emulator, the SMTP sink and a
 * worker in this process with Tenure's real activities (SCIM client, SMTP notifier) bound to them,
 * on the test codec.
 */
export async function startRealStack(options: RealStackOptions): Promise<RealStack> {
  const { env: given, emulator: emulatorOptions, sink: sinkOptions, ...workerSpec } = options;
  const env = given ?? (await createDevServerEnv());
  const codec = await testCodec();
  const stack = await startLocalStack({
    label: 'the real stack',
    temporal: { address: env.address },
    ...(emulatorOptions ? { emulator: emulatorOptions } : {}),
    ...(sinkOptions ? { sink: sinkOptions } : {}),
    storeEnv: codec.env,
  });
  if (!given) stack.closers.add(() => env.teardown());
  try {
    const worker = await startInProcessWorker({
      ...workerSpec,
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      codec,
      workplace: stack.emulator,
      smtpPort: stack.sink.smtpPort,
    });
    stack.closers.add(() => worker.close());
    const { emulator, sink } = stack;
    return { env, emulator, sink, directory: worker.directory, worker: worker.worker, close: () => stack.close() };
  } catch (error) {
    await stack.close();
    throw error;
  }
}
