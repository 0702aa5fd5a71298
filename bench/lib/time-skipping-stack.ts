import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { openCodec } from '../../codec';
import { loadCodecConfig } from '../../codec/config';
import type { RunningEmulator } from '../../emulator/server';
import { freshCodecEnv } from '../../scripts/lib/stack/codec-env';
import { startInProcessWorker } from '../../scripts/lib/stack/in-process-worker';
import { startLocalStack } from '../../scripts/lib/stack/local-stack';
import { createTimeSkippingEnvAt } from '../../scripts/lib/stack/time-skipping-env';
import type { LifecyclePolicy } from '../../workflows/contract';

/** The stack harness on the time-skipping server, where years pass in seconds. */
export interface TimeSkippingStack {
  /** the server; its client encrypts as Tenure's clients do */
  env: TestWorkflowEnvironment;
  emulator: RunningEmulator;
  close(): Promise<void>;
}

/**
 * The time-skipping server (TEMPORAL_TEST_SERVER_PATH), the emulator, the SMTP sink and Tenure's
 * worker in this process (a worker process could not follow the skipped time) with its real
 * activities and `policy`, encryption on with a store and master key of this run.
 */
export async function startTimeSkippingStack(policy: LifecyclePolicy): Promise<TimeSkippingStack> {
  const dir = await mkdtemp(join(tmpdir(), 'tenure-bench-'));
  const storeEnv = await freshCodecEnv(dir, 'bench');
  const codec = await openCodec({ config: loadCodecConfig(storeEnv) });
  const env = await createTimeSkippingEnvAt(process.env.TEMPORAL_TEST_SERVER_PATH!, codec.dataConverter).catch(
    async (error: unknown) => {
      await codec.close();
      throw error;
    },
  );
  const stack = await startLocalStack({
    label: 'the time-skipping stack',
    dir,
    temporal: { address: env.address },
    storeEnv,
  }).catch(async (error: unknown) => {
    await env.teardown();
    await codec.close();
    throw error;
  });
  stack.closers.add(() => codec.close());
  stack.closers.add(() => env.teardown());
  try {
    const worker = await startInProcessWorker({
      connection: env.nativeConnection,
      namespace: env.namespace ?? 'default',
      codec,
      workplace: stack.emulator,
      smtpPort: stack.sink.smtpPort,
      policy,
      // BENCH_DIRECTORY_IN_TASK=false: release 2 without tries in the workflow task (one lever alone).
      directoryInTask: process.env.BENCH_DIRECTORY_IN_TASK !== 'false',
    });
    stack.closers.add(() => worker.close());
    return { env, emulator: stack.emulator, close: () => stack.close() };
  } catch (error) {
    await stack.close();
    throw error;
  }
}
