import type { AddressInfo } from 'node:net';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkerOptions } from '@temporalio/worker';
import { buildApi } from '../../api/app';
import { loadApiConfig } from '../../api/plugins/config';
import { startRealStack, type RealStack } from '../../test/helpers/real-stack';
import { SEARCH_ATTRIBUTES } from '../../workflows/definitions';
import type { LifecyclePolicy } from '../../workflows/lifecycle/types';
import { createBaselineActivities } from '../baseline/activities';

export const BASELINE_TASK_QUEUE = 'bench-baseline';
export const HR_TOKEN = 'tenure-dev-hr-token-do-not-use-in-production';

/** Worker settings shared by Tenure's worker and the baseline's: the production defaults. */
export const WORKER_SETTINGS = {
  maxConcurrentActivityTaskExecutions: 100,
  maxConcurrentWorkflowTaskExecutions: 40,
} satisfies Partial<WorkerOptions>;

export interface BenchStack extends RealStack {
  apiUrl: string;
  /** runs the baseline worker until `stop` */
  baseline(onDone: (id: string) => void): Promise<{ stop(): Promise<void> }>;
}

/**
 * A local dev server, the emulator without faults, the SMTP sink, one worker with Tenure's real
 * activities, and the API in-process on a free port.
 */
export async function startBenchStack(options: {
  policy: LifecyclePolicy;
  batchConcurrency?: number;
  maxRequestsPerSecond?: number;
}): Promise<BenchStack> {
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: process.env.TEMPORAL_CLI_PATH! },
      searchAttributes: [...SEARCH_ATTRIBUTES],
      log: { format: 'pretty', level: 'error' },
    },
  });
  const stack = await startRealStack({
    policy: options.policy,
    env,
    workerOptions: {
      ...WORKER_SETTINGS,
      ...(options.maxRequestsPerSecond ? { maxTaskQueueActivitiesPerSecond: options.maxRequestsPerSecond } : {}),
    },
  });
  const config = loadApiConfig({
    API_LOG_LEVEL: 'silent',
    API_BATCH_CONCURRENCY: String(options.batchConcurrency ?? 32),
  });
  const api = await buildApi({ config, client: env.client });
  await api.listen({ host: '127.0.0.1', port: 0 });
  const apiUrl = `http://127.0.0.1:${(api.server.address() as AddressInfo).port}`;
  const baselineBundle = await bundleWorkflowCode({
    workflowsPath: require.resolve('../baseline/workflows'),
    logger: new DefaultLogger('WARN'),
  });

  return {
    ...stack,
    apiUrl,
    async baseline(onDone) {
      const worker = await Worker.create({
        connection: env.nativeConnection,
        taskQueue: BASELINE_TASK_QUEUE,
        workflowBundle: baselineBundle,
        activities: createBaselineActivities(onDone),
        ...WORKER_SETTINGS,
      });
      const running = worker.run();
      return {
        async stop() {
          worker.shutdown();
          await running;
        },
      };
    },
    async close() {
      await api.close();
      await stack.close();
      await env.teardown();
    },
  };
}
