import { rm } from 'node:fs/promises';
import type { EmployeeStatus } from '../../workflows/contract';
import { freePort } from '../../scripts/lib/free-port';
import { runScript, stackEnv, waitForOutput, type ScriptRun } from '../helpers/script-run';
import { isAlive } from '../../scripts/lib/child-process';

const HR = 'tenure-dev-hr-token-do-not-use-in-production';

const run = runScript;
type Run = ScriptRun;

async function getJson<T>(url: string, token?: string): Promise<T> {
  const response = await fetch(url, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

let dataDir: string;
let env: NodeJS.ProcessEnv;
let stack: Run;

beforeAll(async () => {
  ({ dataDir, env } = await stackEnv('tenure-demo-'));
});

afterAll(async () => {
  // After a failure: stop the stack the way a user does, so that it stops its children too.
  if (stack && stack.child.exitCode === null) {
    stack.child.kill('SIGINT');
    await Promise.race([stack.exited, new Promise((r) => setTimeout(r, 30_000))]);
  }
  await rm(dataDir, { recursive: true, force: true });
}, 40_000);

describe('npm run demo', () => {
  it('stops with exit code 2 and says to run npm run start:demo when no stack answers', async () => {
    const demo = run('demo/main.ts', { API_PORT: String(await freePort()) });
    expect(await demo.exited).toBe(2);
    expect(demo.output()).toMatch(/Cannot reach the Tenure API at http:\/\/127\.0\.0\.1:\d+/);
    expect(demo.output()).toContain('npm run start:demo');
  });

  it('plays five lifecycles to their ends twice at once on the demo stack, which then stops leaving no process', async () => {
    stack = run('scripts/start-demo.ts', env);
    await waitForOutput(stack, 'Press Ctrl-C to stop.');
    expect(stack.output()).toContain('LIFECYCLE_REMINDER_INTERVAL=5s');

    // A second demo stack on the same ports is refused before anything starts.
    const second = run('scripts/start-demo.ts', env);
    expect(await second.exited).toBe(1);
    expect(second.output()).toMatch(/already in use/);
    expect(second.output()).toContain(`${env.API_PORT} (API_PORT)`);

    // Two runs at once against one stack: each with its own employees, sharing the manager.
    const started = Date.now();
    const demos = [run('demo/main.ts', env), run('demo/main.ts', env)];
    const codes = await Promise.all(demos.map((d) => d.exited));
    const seconds = (Date.now() - started) / 1000;
    for (const [i, demo] of demos.entries()) {
      if (codes[i] !== 0) process.stderr.write(`demo ${i} exited ${codes[i]}:\n${demo.output()}\n`);
      expect({ i, code: codes[i] }).toEqual({ i, code: 0 });
    }
    expect(seconds).toBeLessThan(120);

    const api = `http://127.0.0.1:${env.API_PORT}`;
    const sink = `http://127.0.0.1:${env.SMTP_SINK_HTTP_PORT}`;
    const runIds = demos.map((d) => /Tenure demo (DEMO-[A-Z0-9]+) against/.exec(d.output())?.[1]);
    expect(new Set(runIds).size).toBe(2);

    for (const [i, runId] of runIds.entries()) {
      expect(runId).toBeDefined();
      const status = (n: number) => getJson<EmployeeStatus>(`${api}/v1/employees/${runId}-${n}`, HR);
      const ended = (n: number) => getJson<Record<string, unknown>>(`${api}/v1/employees/${runId}-${n}`, HR);
      const mails = (n: number, kind: string) =>
        getJson<{ to: string[] }[]>(`${sink}/messages?employeeId=${runId}-${n}&kind=${kind}`);

      // Deleted lifecycles erased their data key: what remains is the summary, without personal data.
      const claimed = await ended(1);
      expect(claimed).toMatchObject({ stage: 'Deleted', ended: true });
      expect(claimed).not.toHaveProperty('employee');
      expect(claimed).not.toHaveProperty('timeline');
      expect(await mails(1, 'manual-deletion-request')).toHaveLength(1);

      expect(await ended(2)).toMatchObject({ stage: 'Deleted', ended: true });
      expect(await mails(2, 'reminder')).toHaveLength(4);
      expect(await mails(2, 'manager-escalation')).toEqual([
        expect.objectContaining({ to: ['m-dev.manager@example.com'] }),
      ]);

      expect(await ended(3)).toMatchObject({ stage: 'Deleted', ended: true });

      const scheduled = await status(4);
      expect(scheduled.stage).toBe('AwaitingManualDeletion');
      expect(scheduled.leave?.reason).toBe('leave-date');
      expect(await mails(4, 'leave-notice')).toHaveLength(1);
      expect(await mails(4, 'manual-deletion-request')).toHaveLength(1);

      const mover = await status(5);
      expect(mover.stage).toBe('Active');
      expect(mover.employee.department).toBe('Research');

      const output = demos[i]!.output();
      expect(output).toContain(
        `http://localhost:${env.TEMPORAL_UI_PORT}/namespaces/default/workflows?query=${encodeURIComponent(`EmployeeId IN ("M-DEV", "${runId}-1"`)}`,
      );
      expect(output).toContain(`${sink}/`);
      expect(output).toContain(`/v1/employees/${runId}-4/deletion-confirmed`);
    }

    // The directory: the never-claimed account is gone, the claimed one scrubbed and deactivated.
    const { users } = await getJson<{ users: { externalId?: string; active: boolean; displayName?: string }[] }>(
      `http://127.0.0.1:${env.EMULATOR_PORT}/_emulator/users`,
      'dev-token',
    );
    expect(users.find((u) => u.externalId === `${runIds[0]}-2`)).toBeUndefined();
    const scrubbed = users.find((u) => u.externalId === `${runIds[0]}-4`);
    expect(scrubbed).toMatchObject({ active: false });
    expect(scrubbed?.displayName).not.toContain('Katherine');

    stack.child.kill('SIGINT');
    expect(await stack.exited).toBe(0);
    expect(stack.pids()).toHaveLength(3);
    expect(stack.pids().filter(isAlive)).toEqual([]);
  }, 240_000);
});
