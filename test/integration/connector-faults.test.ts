import { DEFAULT_LIFECYCLE_POLICY } from '../../workflows/contract';
/**
 * Transient Workplace faults, through Temporal: the real lifecycle workflow and Tenure's real
 * activities on a real dev server, against the emulator with faults switched on at run time. The
 * SCIM client makes one HTTP attempt per call, so every retry seen here is Temporal's, under the
 * production retry policy of the directory activities (1 s, backoff 2). Runs begin on release 2:
 * each request is first tried in the workflow task; a transient failure there is handed to the
 * task queue after the first retry interval (or the Retry-After), where the activity's retries go on.
 */
import type { WorkflowHandle } from '@temporalio/client';
import type { RequestLogEntry } from '../../emulator/server';
import type { LifecyclePolicy } from '../../workflows/contract';
import { activityRuns, pendingActivity } from '../helpers/activity-history';
import { arrivalOf, outcomes, scimRequestsSince } from '../helpers/emulator-requests';
import { eventually } from '../helpers/eventually';
import { employeeRecord, startLifecycle, statusWhen } from '../helpers/lifecycle';
import { startRealStack, type RealStack } from '../helpers/real-stack';
import { testCodec } from '../helpers/test-codec';

// Start dates ten days ahead: provisioning is all that happens while a test looks.
const policy: LifecyclePolicy = { ...DEFAULT_LIFECYCLE_POLICY };
const SCIM_TIMEOUT_MS = 1_500;
// Provisioning is a lookup then a create, each its own activity (one Workplace request each).
const FIND = 'findWorkplaceUser';
const CREATE = 'createWorkplaceUser';

let stack: RealStack;

beforeAll(async () => {
  stack = await startRealStack({ policy, scimTimeoutMs: SCIM_TIMEOUT_MS });
});

afterAll(async () => {
  await stack?.close();
});

afterEach(() => {
  stack.emulator.faults.clear();
});

/** The Workplace accounts whose externalId is this employee id. */
function accountsOf(employeeId: string) {
  return stack.emulator.store.list().filter((user) => user.attributes.externalId === employeeId);
}

/** Waits until the emulator has logged a request that arrived since `since` and satisfies `match`. */
function loggedRequest(since: number, match: (entry: RequestLogEntry) => boolean): Promise<RequestLogEntry> {
  return eventually(
    async () => scimRequestsSince(stack.emulator, since).find(match),
    (entry) => entry !== undefined,
    { timeoutMs: 10_000, intervalMs: 20 },
  ).then((entry) => entry!);
}

/** The ledger's provisioning rows of an employee, once there is one (the row follows the answer). */
async function provisionRows(employeeId: string) {
  const { store } = await testCodec();
  return eventually(
    () => store.ledger.find({ actions: ['provision'], employeeIds: [employeeId] }),
    (found) => found.length > 0,
    { timeoutMs: 10_000, intervalMs: 100 },
  );
}

async function provisioned(handle: WorkflowHandle, employeeId: string) {
  const status = await statusWhen(handle, (s) => s.stage === 'Provisioned', 20_000);
  const accounts = accountsOf(employeeId);
  expect(accounts).toHaveLength(1);
  expect(status.workplaceUserId).toBe(accounts[0]!.id);
  expect(status.needsAttention).toBe(false);
  return status;
}

describe('Workplace faults through Temporal', () => {
  it('retries a throttled provisioning after the Retry-After the emulator sent, not the default backoff', async () => {
    const retryAfterSeconds = 3;
    const employee = employeeRecord(Date.now());
    const since = Date.now();
    // One request per second: the lookup is admitted, the create right behind it is throttled.
    stack.emulator.faults.set({ rateLimit: { requestsPerSecond: 1, retryAfterSeconds } });
    const handle = await startLifecycle(stack.env, employee);

    const throttled = await loggedRequest(since, (r) => r.status === 429);
    // A burst, not a lasting limit: with the limit on, every retry's lookup would use up the
    // second's only slot and its create would be throttled again.
    stack.emulator.faults.clear();
    await provisioned(handle, employee.employeeId);

    expect(throttled.method).toBe('POST');
    const after = scimRequestsSince(stack.emulator, since).filter((r) => arrivalOf(r) > arrivalOf(throttled));
    expect(outcomes(after)).toEqual(['POST 201']);
    // The default first retry would come after 1 s; Retry-After said 3.
    expect(arrivalOf(after[0]!) - arrivalOf(throttled)).toBeGreaterThanOrEqual(retryAfterSeconds * 1000);

    // Throttled in the workflow task, handed to the task queue after the Retry-After: its first attempt created it.
    const runs = await activityRuns(handle, CREATE);
    expect(runs).toEqual([expect.objectContaining({ result: 'completed', attempt: 1 })]);
  });

  it('retries through a Workplace outage and provisions once it is back', async () => {
    const employee = employeeRecord(Date.now());
    const since = Date.now();
    const { outage } = stack.emulator.faults.set({ outage: { durationMs: 3_000 } });
    const back = Date.parse(outage!.until);
    const handle = await startLifecycle(stack.env, employee);

    const status = await provisioned(handle, employee.employeeId);

    const log = scimRequestsSince(stack.emulator, since);
    const during = log.filter((r) => arrivalOf(r) < back);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((r) => r.status === 503 && r.faultApplied === 'outage')).toBe(true);
    expect(outcomes(log.filter((r) => arrivalOf(r) >= back))).toEqual(['GET 200', 'POST 201']);
    const provisionedAt = status.timeline.find((e) => e.event === 'provisioned')!.at;
    expect(Date.parse(provisionedAt)).toBeGreaterThanOrEqual(back);

    // The first 503 was the try in the workflow task (handed over after the outage's Retry-After,
    // or the first retry interval); the task-queue activity met the others, one attempt each.
    const [run] = await activityRuns(handle, FIND);
    expect(run).toMatchObject({ result: 'completed', attempt: during.length });
    if (during.length > 1) expect(run!.lastFailure).toMatchObject({ type: 'WorkplaceUnavailable' });
  });

  it('retries 5xx errors with the activity backoff until Workplace answers', async () => {
    const employee = employeeRecord(Date.now());
    const since = Date.now();
    stack.emulator.faults.set({ errorRate: { rate: 1, statuses: [500] } });
    const handle = await startLifecycle(stack.env, employee);

    await eventually(
      async () => scimRequestsSince(stack.emulator, since).filter((r) => r.status === 500),
      (errors) => errors.length >= 2,
      { timeoutMs: 10_000, intervalMs: 20 },
    );
    stack.emulator.faults.clear();
    await provisioned(handle, employee.employeeId);

    const log = scimRequestsSince(stack.emulator, since);
    expect(outcomes(log)).toEqual(['GET 500', 'GET 500', 'GET 200', 'POST 201']);
    expect(log.slice(0, 2).every((r) => r.faultApplied === 'error')).toBe(true);
    // Not the client's retries: the try in the workflow task, handed over after the first retry
    // interval (1 s); the task-queue activity's own retry 1 s after its first attempt.
    expect(arrivalOf(log[1]!) - arrivalOf(log[0]!)).toBeGreaterThanOrEqual(1_000);
    expect(arrivalOf(log[2]!) - arrivalOf(log[1]!)).toBeGreaterThanOrEqual(1_000);

    const runs = await activityRuns(handle, FIND);
    expect(runs).toEqual([
      expect.objectContaining({
        result: 'completed',
        attempt: 2,
        lastFailure: expect.objectContaining({ type: 'WorkplaceUnavailable' }),
      }),
    ]);
  });

  it('retries a request that timed out', async () => {
    const employee = employeeRecord(Date.now());
    const since = Date.now();
    stack.emulator.faults.set({ latency: { ms: SCIM_TIMEOUT_MS * 2 } });
    const handle = await startLifecycle(stack.env, employee);

    const retrying = await eventually(
      () => pendingActivity(handle, FIND),
      (pending) => (pending?.attempt ?? 0) >= 2,
      { timeoutMs: 10_000, intervalMs: 20 },
    );
    expect(retrying!.lastFailure).toMatchObject({ type: 'WorkplaceUnreachable', nonRetryable: false });
    expect(retrying!.lastFailure!.message).toContain(`timed out after ${SCIM_TIMEOUT_MS} ms`);
    stack.emulator.faults.clear();
    await provisioned(handle, employee.employeeId);

    const runs = await activityRuns(handle, FIND);
    expect(runs).toEqual([
      expect.objectContaining({
        result: 'completed',
        attempt: 2,
        lastFailure: expect.objectContaining({ type: 'WorkplaceUnreachable' }),
      }),
    ]);
    // The abandoned lookup reached Workplace all the same: logged 499, its client gone.
    const abandoned = await loggedRequest(since, (r) => r.status === 499);
    expect(abandoned).toMatchObject({ method: 'GET', faultApplied: 'latency' });
    // The retry came after the timeout plus the 1 s backoff.
    const retried = scimRequestsSince(stack.emulator, since).filter((r) => r.faultApplied !== 'latency');
    expect(outcomes(retried)).toEqual(['GET 200', 'POST 201']);
    expect(arrivalOf(retried[0]!) - since).toBeGreaterThanOrEqual(SCIM_TIMEOUT_MS + 1_000);
  });

  it("records the adoption of the joiner's account already in Workplace in the ledger: one provisioning row, 'exists' — the row a create loses when its worker dies between the directory's answer and the row", async () => {
    const employee = employeeRecord(Date.now());
    // What a worker SIGKILLed right after its create left behind: the account, and no ledger row.
    const existing = stack.emulator.store.create({
      attributes: {
        userName: employee.email,
        externalId: employee.employeeId,
        name: { givenName: employee.givenName, familyName: employee.familyName },
      },
    });
    const handle = await startLifecycle(stack.env, employee);

    const status = await provisioned(handle, employee.employeeId);
    expect(status.workplaceUserId).toBe(existing.id);
    const rows = await provisionRows(employee.employeeId);
    expect(rows).toEqual([expect.objectContaining({ outcome: 'exists', resourceId: existing.id })]);
    expect(rows[0]!.idempotencyKey).toMatch(/\/provision-1$/);
  });

  it('records a created account under the same provisioning key: a create and an adoption of one run are one row', async () => {
    const employee = employeeRecord(Date.now());
    const handle = await startLifecycle(stack.env, employee);
    const status = await provisioned(handle, employee.employeeId);
    const rows = await provisionRows(employee.employeeId);
    expect(rows).toEqual([expect.objectContaining({ outcome: 'created', resourceId: status.workplaceUserId })]);
    expect(rows[0]!.idempotencyKey).toMatch(/\/provision-1$/);
  });

  it('ends with exactly one account when the create was applied but its response dropped', async () => {
    const employee = employeeRecord(Date.now());
    const since = Date.now();
    stack.emulator.faults.set({ dropResponse: { next: 1, methods: ['POST'] } });
    const handle = await startLifecycle(stack.env, employee);

    const status = await provisioned(handle, employee.employeeId);

    const log = scimRequestsSince(stack.emulator, since);
    // The create's retry is answered 409: the account the lost create made, then found by externalId.
    expect(outcomes(log)).toEqual(['GET 200', 'POST 201', 'POST 409', 'GET 200']);
    expect(log[1]!.faultApplied).toBe('dropResponse');
    expect(status.timeline.find((e) => e.event === 'provisioned')?.detail).toBe(
      `Workplace user ${status.workplaceUserId} (existing account)`,
    );
    // The lost response was the try in the workflow task; the task-queue activity's first attempt got the 409.
    const runs = await activityRuns(handle, CREATE);
    expect(runs).toEqual([expect.objectContaining({ result: 'completed', attempt: 1 })]);
  });
});
