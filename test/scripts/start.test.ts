import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { openCodec } from '../../codec';
import { KEEP_ALIVE_SCHEDULE_ID } from '../../workflows/contract';
import { runScript, stackEnv, waitForOutput } from '../helpers/script-run';
import { isAlive } from '../../scripts/lib/child-process';
import { emulatorAdmin } from '../../emulator/admin-client';

const startStack = (env: NodeJS.ProcessEnv) => runScript('scripts/start.ts', env);

let dataDir: string;
let env: NodeJS.ProcessEnv;
let firstRunId: string;
let firstWorkflowId: string;

beforeAll(async () => {
  ({ dataDir, env } = await stackEnv('tenure-stack-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves the UI, the API, the emulator and the mail sink, runs the keep-alive, and Ctrl-C leaves no process behind', async () => {
    const stack = startStack(env);
    try {
      await waitForOutput(stack, 'Press Ctrl-C to stop.');
      expect((await fetch(`http://127.0.0.1:${env.API_PORT}/healthz`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${env.SMTP_SINK_HTTP_PORT}/healthz`)).status).toBe(200);
      const requests = (await (
        await emulatorAdmin({ url: `http://127.0.0.1:${env.EMULATOR_PORT}`, token: 'dev-token' }, '/requests')
      ).json()) as {
        requests: { method: string; path: string; status: number }[];
      };
      expect(requests.requests).toContainEqual(expect.objectContaining({ method: 'GET', path: '/Users', status: 200 }));
      const settings = (await (await fetch(`http://127.0.0.1:${env.TEMPORAL_UI_PORT}/api/v1/settings`)).json()) as {
        Codec: { Endpoint: string };
      };
      expect(settings.Codec.Endpoint).toBe(`http://localhost:${env.API_PORT}/codec`);
      // Payloads are encrypted with the development key the stack made in its data folder.
      const codec = await openCodec({ env: { TENURE_DATA_DIR: dataDir } });
      expect(codec.config.developmentKeyFile).toBe(join(dataDir, 'master-key.dev'));
      const connection = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_PORT}` });
      try {
        const client = new Client({ connection, dataConverter: codec.dataConverter });
        const schedule = await client.schedule.getHandle(KEEP_ALIVE_SCHEDULE_ID).describe();
        const run = schedule.info.recentActions[0]!.action.workflow;
        const description = await client.workflow.getHandle(run.workflowId, run.firstExecutionRunId).describe();
        expect(description.type).toBe('directoryKeepAliveWorkflow');
        expect(description.status.name).toBe('COMPLETED');
        firstRunId = description.runId;
        firstWorkflowId = description.workflowId;
        expect(await description.staticSummary()).toMatch(/Keep the Workplace integration alive/);
        const raw = await client.workflowService.getWorkflowExecutionHistory({
          namespace: 'default',
          execution: { workflowId: run.workflowId, runId: description.runId },
        });
        expect(Buffer.from(raw.history!.events![0]!.userMetadata!.summary!.metadata!.encoding!).toString()).toBe(
          'binary/encrypted',
        );
      } finally {
        await connection.close();
        await codec.close();
      }
      // The stack harness's shape: the dev server, the worker and the API as processes; the
      // emulator and the mail sink in the stack's own process.
      expect(stack.pids().length).toBe(3);
    } finally {
      stack.child.kill('SIGINT');
    }
    expect(await stack.exited).toBe(0);
    expect(stack.pids().filter(isAlive)).toEqual([]);
  });

  it('keeps every workflow across a restart on the same data folder', async () => {
    const stack = startStack(env);
    try {
      await waitForOutput(stack, 'Press Ctrl-C to stop.');
      const connection = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_PORT}` });
      try {
        const client = new Client({ connection });
        const firstRun = await client.workflow.getHandle(firstWorkflowId, firstRunId).describe();
        expect(firstRun.runId).toBe(firstRunId);
        expect(firstRun.type).toBe('directoryKeepAliveWorkflow');
      } finally {
        await connection.close();
      }
    } finally {
      stack.child.kill('SIGTERM');
    }
    expect(await stack.exited).toBe(0);
  });

  it('exits non-zero and leaves no process when its Temporal port is taken by another server', async () => {
    // The dev server cannot bind; the boot may already be talking to the other server on that port.
    const other = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'existing-path', path: process.env.TEMPORAL_CLI_PATH! } },
    });
    try {
      const port = other.address.split(':').pop()!;
      const stack = startStack({ ...env, TEMPORAL_PORT: port, TENURE_DATA_DIR: join(dataDir, 'taken') });
      expect(await stack.exited).toBe(1);
      // Noticed once it answers health checks (the other server answers them), or while it starts.
      expect(stack.output()).toMatch(/temporal exited unexpectedly|the dev server exited at start-up/);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(stack.pids().filter(isAlive)).toEqual([]);
    } finally {
      await other.teardown();
    }
  });

  it('stops what it started and exits 0 on Ctrl-C while it is still starting', async () => {
    const stack = startStack(env);
    // The worker's first line is its `started (pid N)` note: it bundles the workflows, the API has not started.
    await waitForOutput(stack, '[worker]');
    stack.child.kill('SIGINT');
    expect(await stack.exited).toBe(0);
    expect(stack.output()).toMatch(/SIGINT: stopping/);
    expect(stack.output()).not.toContain('Press Ctrl-C to stop.');
    expect(stack.output()).not.toContain('[api]');
    expect(stack.pids().length).toBe(2);
    expect(stack.pids().filter(isAlive)).toEqual([]);
  });

  it('stops everything and exits non-zero when a child dies', async () => {
    const stack = startStack(env);
    await waitForOutput(stack, 'Press Ctrl-C to stop.');
    const worker = Number(/\[worker\]\s+started \(pid (\d+)\)/.exec(stack.output())![1]);
    process.kill(worker, 'SIGKILL');
    expect(await stack.exited).toBe(1);
    expect(stack.output()).toMatch(/worker exited unexpectedly/);
    expect(stack.pids().filter(isAlive)).toEqual([]);
  });
});
