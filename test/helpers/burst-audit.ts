import type { EmployeeSummary } from '../../api/schemas/status';
import type { RunningEmulator } from '../../emulator/server';
import type { RunningSmtpSink } from '../../smtp-sink/sink';
import type { EmployeeStatus, Stage } from '../../workflows/contract';
import type { ApiBody, ApiCaller } from '../api/support';
import { eventually } from './eventually';
import { withoutEmployment } from './fake-activities';

/** What a burst should end as: the claimers `Active`, everyone else `Unclaimed` after every reminder. */
export interface BurstExpectation {
  employeeIds: string[];
  /** the department the burst's joiners share, to list them */
  department: string;
  claimed: ReadonlySet<string>;
  maxReminders: number;
}

/** The stage an employee of the burst ends in. */
export const expectedStage = (expectation: BurstExpectation, employeeId: string): Stage =>
  expectation.claimed.has(employeeId) ? 'Active' : 'Unclaimed';

/** Every employee of the department as visibility lists them, through `GET /v1/employees` (all pages). */
export async function listDepartment(api: ApiCaller, department: string): Promise<EmployeeSummary[]> {
  const items: EmployeeSummary[] = [];
  let cursor: string | null | undefined;
  do {
    const query = new URLSearchParams({ department, limit: '500', ...(cursor ? { cursor } : {}) });
    const reply = await api.call('GET', `/v1/employees?${query.toString()}`);
    if (reply.status !== 200) throw new Error(`listing ${department} answered ${reply.status}`);
    items.push(...(reply.body.items ?? []));
    cursor = reply.body.nextCursor;
  } while (cursor);
  return items;
}

/** A compact account of who is not yet where they should be (for the timeout message). */
interface Progress {
  listed: number;
  byStage: Record<string, number>;
  stragglers: string[];
}

/**
 * Waits until visibility lists every employee of the burst in their expected stage (visibility
 * lags a moment behind the workflows; the statuses are read from the workflows afterwards).
 */
export async function waitForExpectedStages(
  api: ApiCaller,
  expectation: BurstExpectation,
  timeoutMs: number,
): Promise<void> {
  const probe = async (): Promise<Progress> => {
    const listed = new Map((await listDepartment(api, expectation.department)).map((s) => [s.employeeId, s.stage]));
    const byStage: Record<string, number> = {};
    for (const stage of listed.values()) byStage[stage ?? 'none'] = (byStage[stage ?? 'none'] ?? 0) + 1;
    const stragglers = expectation.employeeIds.filter((id) => listed.get(id) !== expectedStage(expectation, id));
    return { listed: listed.size, byStage, stragglers: stragglers.slice(0, 10) };
  };
  await eventually(probe, (p) => p.stragglers.length === 0, { timeoutMs, intervalMs: 500 });
}

/** Each employee's status from `GET /v1/employees/{id}` (the workflow's status query); missing ones are absent. */
export async function readStatuses(api: ApiCaller, employeeIds: string[]): Promise<Map<string, EmployeeStatus>> {
  const statuses = new Map<string, EmployeeStatus>();
  let next = 0;
  const lane = async () => {
    while (next < employeeIds.length) {
      const employeeId = employeeIds[next++]!;
      let reply = await api.call<ApiBody>('GET', `/v1/employees/${employeeId}`);
      // A 503 says "try again" (the status query found no worker in time, e.g. one just killed).
      for (let retry = 1; reply.status === 503 && retry <= 5; retry++) {
        await new Promise((resolve) => setTimeout(resolve, 1_000 * retry));
        reply = await api.call<ApiBody>('GET', `/v1/employees/${employeeId}`);
      }
      if (reply.status === 200) statuses.set(employeeId, reply.body as EmployeeStatus);
      else if (reply.status !== 404) {
        throw new Error(`status of ${employeeId} answered ${reply.status}: ${JSON.stringify(reply.body)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  return statuses;
}

/** Everything that went wrong in a burst; every list is empty when nothing did. */
export interface BurstProblems {
  /** submitted, but no lifecycle answers for them */
  lost: string[];
  wrongStage: { employeeId: string; expected: Stage; actual: Stage }[];
  needsAttention: { employeeId: string; lastError?: string }[];
  /** no Workplace account with their externalId */
  noAccount: string[];
  /** the lifecycle holds another Workplace user id than the account with their externalId */
  otherAccount: { employeeId: string; status?: string; account: string }[];
  /** accounts made during the burst for no employee of it (a create that lost its externalId, say) */
  strangers: { id: string; externalId?: string; userName?: string }[];
  /**
   * a reminder e-mailed more than once although that lifecycle lost no work in flight: only lost
   * work (a worker killed holding the send, a server gone before it was recorded) may send again
   */
  copiesWithoutLostWork: { employeeId: string; slot: string; copies: number }[];
  /**
   * the reminder numbers e-mailed are not 1..remindersSent (a gap, a repeat under a new number, too
   * many) — or, after lost work, 1..remindersSent+1 (the reminder in flight, sent but not recorded)
   */
  reminderNumbers: { employeeId: string; remindersSent?: number; emailed: number[] }[];
}

/**
 * What the audit saw beyond the problems. E-mail is at least once: a reminder whose send was done
 * but not recorded when work was lost goes out again, under the same Message-ID (a pure function
 * of the slot, see activities/notifications/message-id.ts), so mail clients show it once; or, when
 * the employee claimed meanwhile, it stays sent but uncounted. Both are counted here, not hidden.
 */
export interface BurstAudit {
  problems: BurstProblems;
  /** messages that repeat an (employee, slot) already received */
  resentReminders: number;
  /** reminders e-mailed beyond the lifecycle's `remindersSent` (in flight when work was lost) */
  unrecordedReminders: number;
  remindersReceived: number;
  accounts: number;
}

/** The problems of a burst that went well. */
export const NO_PROBLEMS: BurstProblems = {
  lost: [],
  wrongStage: [],
  needsAttention: [],
  noAccount: [],
  otherAccount: [],
  strangers: [],
  copiesWithoutLostWork: [],
  reminderNumbers: [],
};

/**
 * Checks a burst against the real systems: the statuses the workflows answer, the emulator's
 * accounts (one per employee, the one the lifecycle knows) and the sink's reminders (one slot per
 * reminder number, 1..remindersSent, at most `maxReminders`; a slot received more than once, or
 * one reminder more than recorded, only for an employee in `lostWork`, see recovery-evidence.ts).
 */
export function auditBurst(
  expectation: BurstExpectation,
  statuses: ReadonlyMap<string, EmployeeStatus>,
  emulator: RunningEmulator,
  sink: RunningSmtpSink,
  since: number,
  lostWork: ReadonlySet<string>,
): BurstAudit {
  const problems: BurstProblems = structuredClone(NO_PROBLEMS);
  const ids = new Set(expectation.employeeIds);

  for (const employeeId of expectation.employeeIds) {
    const status = statuses.get(employeeId);
    if (!status) {
      problems.lost.push(employeeId);
      continue;
    }
    const expected = expectedStage(expectation, employeeId);
    if (status.stage !== expected) problems.wrongStage.push({ employeeId, expected, actual: status.stage });
    if (status.needsAttention) {
      problems.needsAttention.push({
        employeeId,
        ...(status.lastError ? { lastError: `${status.lastError.type}: ${status.lastError.message}` } : {}),
      });
    }
    // The store keeps externalId unique, so "one account" is: there is one, and it is the lifecycle's.
    const account = emulator.store.findByExternalId(employeeId);
    if (!account) problems.noAccount.push(employeeId);
    else if (account.id !== status.workplaceUserId) {
      problems.otherAccount.push({
        employeeId,
        ...(status.workplaceUserId ? { status: status.workplaceUserId } : {}),
        account: account.id,
      });
    }
  }
  const accounts = emulator.store.list().filter((user) => Date.parse(user.created) >= since);
  for (const user of accounts) {
    const externalId = user.attributes.externalId as string | undefined;
    if (externalId === undefined || !ids.has(externalId)) {
      problems.strangers.push({
        id: user.id,
        ...(externalId ? { externalId } : {}),
        ...(typeof user.attributes.userName === 'string' ? { userName: user.attributes.userName } : {}),
      });
    }
  }

  const reminders = sink
    .messages()
    .filter(
      (m) => m.headers['x-tenure-notification'] === 'reminder' && ids.has(m.headers['x-tenure-employee-id'] ?? ''),
    );
  // employee → slot → copies received
  const slots = new Map<string, Map<string, number>>();
  for (const message of reminders) {
    const employeeId = message.headers['x-tenure-employee-id']!;
    const slot = message.headers['x-tenure-slot'] ?? '';
    const bySlot = slots.get(employeeId) ?? new Map<string, number>();
    slots.set(employeeId, bySlot);
    bySlot.set(slot, (bySlot.get(slot) ?? 0) + 1);
  }
  let distinctSlots = 0;
  let unrecordedReminders = 0;
  for (const employeeId of expectation.employeeIds) {
    const bySlot = slots.get(employeeId) ?? new Map<string, number>();
    distinctSlots += bySlot.size;
    for (const [slot, copies] of bySlot) {
      if (copies > 1 && !lostWork.has(employeeId)) {
        problems.copiesWithoutLostWork.push({ employeeId, slot, copies });
      }
    }
    // Slots are `<employment>-c<cycle>-r<number>`; one hire here, so cycle 1. Anything else counts as number 0.
    const emailed = [...bySlot.keys()]
      .map((slot) => Number(/^c1-r(\d+)$/.exec(withoutEmployment(slot))?.[1] ?? 0))
      .sort((a, b) => a - b);
    const sent = statuses.get(employeeId)?.remindersSent;
    const numbered = (n: number) => JSON.stringify(Array.from({ length: n }, (_, i) => i + 1));
    const unclaimedNeedsAll =
      expectedStage(expectation, employeeId) === 'Unclaimed' && sent !== expectation.maxReminders;
    const inFlightWhenLost =
      sent !== undefined &&
      lostWork.has(employeeId) &&
      sent < expectation.maxReminders &&
      JSON.stringify(emailed) === numbered(sent + 1);
    if (inFlightWhenLost) unrecordedReminders += 1;
    if (
      sent === undefined ||
      sent > expectation.maxReminders ||
      unclaimedNeedsAll ||
      (JSON.stringify(emailed) !== numbered(sent) && !inFlightWhenLost)
    ) {
      problems.reminderNumbers.push({ employeeId, ...(sent !== undefined ? { remindersSent: sent } : {}), emailed });
    }
  }
  return {
    problems,
    resentReminders: reminders.length - distinctSlots,
    unrecordedReminders,
    remindersReceived: reminders.length,
    accounts: accounts.length,
  };
}
