import type { EmployeeStatus, LifecyclePolicy } from '../workflows/contract';
import { hasLeft, isFinal } from '../workflows/contract';
import { ApiRequestError, ApiUnreachableError, statusOf, type TenureApi } from './api-client';
import { managerOf, policyProbe } from './cast';
import { inviteDelayMs, policyProblem } from './policy';
import { DemoStop, EXIT_STACK_UNFIT } from './stop';

const START_HINT = 'Start the demo stack in another terminal first:\n\n  npm run start:demo\n';

const notTenure = (url: string, what: string) =>
  new DemoStop(
    `Something answers at ${url}, but not the Tenure API (${what}).\n` +
      'Set API_PORT to the port of the demo stack, or free the port and run `npm run start:demo`.',
    EXIT_STACK_UNFIT,
  );

/** Fails with a clear message unless the Tenure API answers, reaches Temporal and takes the hr token. */
export async function checkStack(hr: TenureApi): Promise<void> {
  try {
    await hr.health();
  } catch (error) {
    if (error instanceof ApiUnreachableError) {
      throw new DemoStop(
        `Cannot reach the Tenure API at ${error.url} (${error.reason}).\n${START_HINT}\n` +
          'then run `npm run demo` again (with the same API_PORT if you changed it).',
        EXIT_STACK_UNFIT,
      );
    }
    if (error instanceof ApiRequestError) throw notTenure(hr.baseUrl, `/healthz: HTTP ${error.status}`);
    throw error;
  }
  try {
    await hr.ready();
  } catch (error) {
    // Another server's /healthz may answer too; only Tenure's API has /readyz and a 503 for Temporal.
    if (error instanceof ApiRequestError && error.status !== 503) {
      throw notTenure(hr.baseUrl, `/readyz: HTTP ${error.status}`);
    }
    throw new DemoStop(
      `The Tenure API at ${hr.baseUrl} answers but cannot reach Temporal (${(error as Error).message}).\n` +
        'If the stack is still starting, wait for "Press Ctrl-C to stop." and run `npm run demo` again.',
      EXIT_STACK_UNFIT,
    );
  }
  try {
    await hr.checkToken();
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) {
      throw new DemoStop(
        `The API at ${hr.baseUrl} refuses the development hr token: that stack runs with API_TOKENS set.\n` +
          'The demo acts with the development tokens: start the demo stack without API_TOKENS (npm run start:demo).',
        EXIT_STACK_UNFIT,
      );
    }
    throw error;
  }
}

/** Polls an employee's status until `done`; a DemoStop naming `what` after `timeoutMs`. */
export async function waitForStatus(
  api: TenureApi,
  employeeId: string,
  done: (status: EmployeeStatus) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<EmployeeStatus> {
  const deadline = Date.now() + timeoutMs;
  let last: EmployeeStatus | undefined;
  for (;;) {
    last = statusOf(await api.status(employeeId)) ?? last;
    if (last && done(last)) return last;
    if (last?.needsAttention) {
      throw new DemoStop(`${employeeId} needs attention while waiting for ${what}: ${describeError(last)}`);
    }
    if (Date.now() > deadline) {
      throw new DemoStop(
        `Waited ${timeoutMs / 1000} s for ${what}; ${employeeId} is still ${last?.stage ?? 'unknown'}.\n` +
          'Is the worker running? Look at the stack\'s terminal for "[worker]" errors.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function describeError(status: EmployeeStatus): string {
  return status.lastError ? `${status.lastError.action}: ${status.lastError.type}: ${status.lastError.message}` : '?';
}

/**
 * The worker's policy, read from a joiner hired for that purpose (each workflow reads the policy
 * when it starts), then withdrawn. Stops the demo, with what to do, when the policy is not
 * compressed enough for a demo.
 */
export async function probePolicy(
  hr: TenureApi,
  runId: string,
): Promise<{ policy: LifecyclePolicy; inviteDelayMs: number; probeId: string }> {
  const probe = policyProbe(runId, Date.now());
  await hr.hire(probe);
  const status = await waitForStatus(
    hr,
    probe.employeeId,
    (s) => s.stage !== 'Provisioning',
    'the worker to provision a first employee',
  );
  // Its start is a month away, so the offer can be withdrawn: the account is removed, the run ends.
  await hr.withdraw(probe.employeeId, 'Policy probe of the demo: no longer needed');
  const delay = inviteDelayMs(status.policy, Date.now());
  const problem = policyProblem(status.policy, delay);
  if (problem) throw new DemoStop(problem, EXIT_STACK_UNFIT);
  return { policy: status.policy, inviteDelayMs: delay, probeId: probe.employeeId };
}

/**
 * The demo's manager, hired (the same record every run, so again is a no-op), back if a previous
 * session let them leave, and provisioned in Workplace before their reports are: a report's
 * manager is looked up when the report is provisioned.
 */
export async function ensureManager(hr: TenureApi, managerId: string): Promise<EmployeeStatus> {
  const { joiner } = managerOf(managerId);
  let status: EmployeeStatus | undefined;
  try {
    status = statusOf((await hr.hire(joiner)).view);
  } catch (error) {
    // Hired by hand with another record: any running lifecycle of that id will do.
    if (!(error instanceof ApiRequestError && error.status === 409)) throw error;
    status = statusOf(await hr.status(managerId));
  }
  if (status && (hasLeft(status.stage) || isFinal(status.stage))) {
    await hr.rehire(managerId, { startDate: joiner.startDate });
  }
  return waitForStatus(
    hr,
    managerId,
    (s) => Boolean(s.workplaceUserId) && !hasLeft(s.stage) && !isFinal(s.stage) && s.stage !== 'Provisioning',
    `the manager ${managerId}'s account`,
  );
}
