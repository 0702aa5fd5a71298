/**
 * The worker's health endpoint, with a real Worker polling a real dev server: 503 while it starts,
 * 200 while it runs, 503 once it stopped; and the worker's configuration of it.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { loadWorkerConfig } from '../../worker/config';
import { startHealthServer, type HealthServer } from '../../worker/health-server';
import { eventually } from '../helpers/eventually';
import { createDevServerEnv } from '../helpers/temporal-env';
import { workflowBundle } from '../../scripts/lib/stack/workflow-bundle';

let env: TestWorkflowEnvironment;

beforeAll(async () => {
  env = await createDevServerEnv();
});

afterAll(async () => {
  await env?.teardown();
});

async function probe(health: HealthServer, path = '/healthz'): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${health.port}${path}`);
  return { status: response.status, body: await response.json() };
}

it('answers 200 while the worker runs and 503 before and after', async () => {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue: `health-${Date.now()}`,
    workflowBundle: await workflowBundle(),
    activities: { pingDirectory: async () => undefined },
  });
  const health = await startHealthServer({ host: '127.0.0.1', port: 0, state: () => worker.getState() });
  try {
    expect(await probe(health)).toEqual({ status: 503, body: { status: 'unavailable', state: 'INITIALIZED' } });
    const running = worker.run();
    await eventually(
      () => probe(health),
      (p) => p.status === 200,
    );
    expect(await probe(health)).toEqual({ status: 200, body: { status: 'ok', state: 'RUNNING' } });
    expect((await probe(health, '/other')).status).toBe(404);
    worker.shutdown();
    await running;
    expect(await probe(health)).toEqual({ status: 503, body: { status: 'unavailable', state: 'STOPPED' } });
  } finally {
    await health.close();
  }
});

it('is served only when WORKER_HEALTH_PORT is set, on 127.0.0.1 unless told otherwise', () => {
  expect(loadWorkerConfig({}).health).toBeUndefined();
  expect(loadWorkerConfig({ WORKER_HEALTH_PORT: '8081' }).health).toEqual({ host: '127.0.0.1', port: 8081 });
  expect(loadWorkerConfig({ WORKER_HEALTH_PORT: '8081', WORKER_HEALTH_HOST: '0.0.0.0' }).health).toEqual({
    host: '0.0.0.0',
    port: 8081,
  });
  expect(() => loadWorkerConfig({ WORKER_HEALTH_PORT: '0' })).toThrow('WORKER_HEALTH_PORT="0"');
});
