/**
 * The audit the fault tests end with, on a real emulator and a real SMTP sink fed by Tenure's
 * notifier: it must see every kind of damage a fault could do, or the fault tests prove nothing.
 */
import { createNotifier, type Notifier } from '../../activities/notifications';
import { loadMailConfig } from '../../activities/notifications/config';
import { CORE_USER } from '../../emulator/schemas';
import { startEmulator, type RunningEmulator } from '../../emulator/server';
import { startSmtpSink, type RunningSmtpSink } from '../../smtp-sink/sink';
import type { EmployeeStatus, Stage } from '../../workflows/contract';
import { auditBurst, NO_PROBLEMS, type BurstExpectation } from '../helpers/burst-audit';
import { eventually } from '../helpers/eventually';

let emulator: RunningEmulator;
let sink: RunningSmtpSink;
let notifier: Notifier;
let run = 0;
const NONE_LOST = new Set<string>();

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  sink = await startSmtpSink({ smtpPort: 0, httpPort: 0 });
  const smtp = { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(sink.smtpPort) };
  notifier = createNotifier(loadMailConfig(smtp));
});

afterAll(async () => {
  notifier?.close();
  await sink?.close();
  await emulator?.close();
});

/** Four employees: the first claims (Active), the others end Unclaimed after two reminders. */
function burst(): BurstExpectation & { since: number } {
  run += 1;
  const employeeIds = ['a', 'b', 'c', 'd'].map((x) => `AUDIT-${run}-${x}`);
  return {
    since: Date.now(),
    employeeIds,
    department: `audit-${run}`,
    claimed: new Set([employeeIds[0]!]),
    maxReminders: 2,
  };
}

function account(employeeId: string): string {
  return emulator.createUser({
    schemas: [CORE_USER],
    userName: `${employeeId.toLowerCase()}@example.com`,
    externalId: employeeId,
    name: { givenName: 'Audit', familyName: employeeId },
  }).id;
}

function status(employeeId: string, stage: Stage, workplaceUserId: string, remindersSent: number): EmployeeStatus {
  return { employeeId, stage, workplaceUserId, remindersSent, needsAttention: false } as EmployeeStatus;
}

async function remind(employeeId: string, n: number): Promise<void> {
  await notifier.send({
    kind: 'reminder',
    employeeId,
    slot: `c1-r${n}`,
    to: `${employeeId.toLowerCase()}@example.com`,
    displayName: 'Audit',
    claimLink: 'http://127.0.0.1/claim/x',
    reminderNumber: n,
    maxReminders: 2,
    startDate: '2026-01-05',
  });
}

/** A burst that went well: accounts, statuses and reminders as the lifecycle leaves them. */
async function healthyBurst() {
  const b = burst();
  const statuses = new Map<string, EmployeeStatus>();
  const [active, ...unclaimed] = b.employeeIds;
  statuses.set(active!, status(active!, 'Active', account(active!), 1));
  await remind(active!, 1);
  for (const id of unclaimed) {
    statuses.set(id, status(id, 'Unclaimed', account(id), 2));
    await remind(id, 1);
    await remind(id, 2);
  }
  await eventually(
    async () => sink.messages().filter((m) => m.headers['x-tenure-employee-id']?.startsWith(`AUDIT-${run}-`)).length,
    (n) => n === 7,
  );
  return { b, statuses, active: active!, unclaimed };
}

describe('the burst audit', () => {
  it('finds no problem in a burst that went well, and counts what lost work sent again or sent unrecorded', async () => {
    const { b, statuses, active, unclaimed } = await healthyBurst();
    // A copy of a reminder whose send was not recorded; and, for the one who claimed, the
    // reminder in flight when they claimed and the worker died: sent, never counted.
    await remind(unclaimed[0]!, 2);
    await remind(active, 2);
    const lostWork = new Set([unclaimed[0]!, active]);
    await eventually(
      async () => auditBurst(b, statuses, emulator, sink, b.since, lostWork).remindersReceived,
      (n) => n === 9,
    );

    const audit = auditBurst(b, statuses, emulator, sink, b.since, lostWork);

    expect(audit.problems).toEqual(NO_PROBLEMS);
    expect(audit).toMatchObject({ resentReminders: 1, unrecordedReminders: 1, remindersReceived: 9, accounts: 4 });
  });

  it('reports lost employees, wrong stages, employees needing attention, missing, other and stray accounts', async () => {
    const { b, statuses, active, unclaimed } = await healthyBurst();
    const [lost, wrong, flagged] = unclaimed as [string, string, string];
    statuses.delete(lost);
    statuses.set(wrong, { ...statuses.get(wrong)!, stage: 'Invited' });
    statuses.set(flagged, {
      ...statuses.get(flagged)!,
      needsAttention: true,
      lastError: {
        at: '',
        action: 'check-claim',
        type: 'WorkplaceRequestRejected',
        message: 'no',
        reason: 'WorkplaceRequestRejected',
      },
    });
    statuses.set(active, { ...statuses.get(active)!, workplaceUserId: '42' });
    const stray = account(`AUDIT-${run}-stray`);
    emulator.store.delete(emulator.store.findByExternalId(wrong)!.id);

    const { problems } = auditBurst(b, statuses, emulator, sink, b.since, NONE_LOST);

    expect(problems.lost).toEqual([lost]);
    expect(problems.wrongStage).toEqual([{ employeeId: wrong, expected: 'Unclaimed', actual: 'Invited' }]);
    expect(problems.needsAttention).toEqual([{ employeeId: flagged, lastError: 'WorkplaceRequestRejected: no' }]);
    expect(problems.noAccount).toEqual([wrong]);
    expect(problems.otherAccount).toEqual([{ employeeId: active, status: '42', account: expect.any(String) }]);
    expect(problems.strangers).toEqual([expect.objectContaining({ id: stray, externalId: `AUDIT-${run}-stray` })]);
  });

  it('reports, for lifecycles that lost no work, a reminder e-mailed twice, a number skipped, fewer or more e-mailed than recorded, and too few before Unclaimed', async () => {
    const { b, statuses, active, unclaimed } = await healthyBurst();
    const [twice, skipped, short] = unclaimed as [string, string, string];
    await remind(twice, 2);
    // r3 instead of r2 for someone who got two reminders; one reminder only for an Unclaimed one.
    await remind(skipped, 3);
    statuses.set(short, { ...statuses.get(short)!, remindersSent: 1 });
    statuses.set(active, { ...statuses.get(active)!, remindersSent: 2 });
    await eventually(
      async () => auditBurst(b, statuses, emulator, sink, b.since, NONE_LOST).remindersReceived,
      (n) => n === 9,
    );

    const { problems } = auditBurst(b, statuses, emulator, sink, b.since, NONE_LOST);

    expect(problems.copiesWithoutLostWork).toEqual([{ employeeId: twice, slot: 'c1-r2', copies: 2 }]);
    expect(problems.reminderNumbers).toEqual([
      { employeeId: active, remindersSent: 2, emailed: [1] },
      { employeeId: skipped, remindersSent: 2, emailed: [1, 2, 3] },
      { employeeId: short, remindersSent: 1, emailed: [1, 2] },
    ]);
  });
});
