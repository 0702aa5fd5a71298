import {
  calendarOf,
  candidates,
  deleteAfter,
  managerLookupDelay,
  nextAction,
  schedule,
} from '../../workflows/lifecycle/plan';
import { initialState, type EmployeeState, type Parked } from '../../workflows/lifecycle/state';
import { calendarQuestionOf, inviteWallTime } from '../../workflows/contract';
import { TEST_POLICY } from '../helpers/time-skipping-suite';

const NOW = Date.parse('2027-03-01T12:00:00Z');
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const hr = { role: 'hr' as const, name: 'alice' };

/** A provisioned employee starting 2027-03-10 in UTC, with a resolved calendar. */
function state(overrides: Partial<EmployeeState> = {}): EmployeeState {
  const base = initialState(
    {
      employeeId: 'E1',
      email: 'e1@example.com',
      givenName: 'A',
      familyName: 'B',
      timeZone: 'UTC',
      startDate: '2027-03-10',
    },
    TEST_POLICY,
    'e0',
    hr,
  );
  const s: EmployeeState = {
    ...base,
    stage: 'Provisioned',
    account: { userId: '1', deletable: true },
    calendar: {
      ...calendarQuestionOf(base.employee, undefined, TEST_POLICY.inviteOffset),
      startsAt: '2027-03-10T00:00:00.000Z',
      inviteAt: '2027-03-10T09:00:00.000Z',
    },
    ...overrides,
  };
  return s;
}

const parked = (action: Parked['action'], extra: Partial<Parked> = {}): Parked => ({
  action,
  type: 'WorkplaceUserMissing',
  message: 'no user 1',
  reason: 'WorkplaceUserMissing',
  at: iso(NOW),
  failures: 1,
  ...extra,
});

describe('the lifecycle planner', () => {
  it('blocks a failed provision until an operator retries (regression: it looped on the failure)', () => {
    const failed = state({ stage: 'Provisioning', account: undefined, parked: [parked('provision')] });
    expect(nextAction(failed, NOW)).toBeUndefined();
    expect(candidates(failed, NOW)).toEqual([{ action: 'provision', at: NOW, blockedBy: 'needs-attention' }]);
  });

  it('keeps every failed action parked: two failures do not unblock each other (regression: they spun)', () => {
    const s = state({
      stage: 'Invited',
      account: { userId: '1', deletable: true, invitedAt: iso(NOW - 10 * DAY) },
      profile: { revision: 2, written: 1, fields: ['title'] },
      parked: [parked('check-claim'), parked('sync-profile')],
    });
    expect(nextAction(s, NOW)).toBeUndefined();
    expect(
      candidates(s, NOW)
        .filter((c) => c.blockedBy === 'needs-attention')
        .map((c) => c.action),
    ).toEqual(['sync-profile', 'check-claim']);
  });

  it('brings an action Tenure retries on its own back at its retry time, not before', () => {
    const s = state({
      stage: 'Active',
      leave: { at: iso(NOW - 1000), reason: 'leave-date', by: hr },
      parked: [parked('deactivate', { reason: 'directory-unauthorized', retryAt: iso(NOW + 60_000) })],
    });
    expect(nextAction(s, NOW)).toEqual({ action: 'deactivate', at: NOW + 60_000 });
  });

  it('deactivates before syncing a profile when both are due', () => {
    const s = state({
      leave: { at: iso(NOW - 1000), reason: 'early-leave', by: hr },
      profile: { revision: 3, written: 2, fields: ['title'] },
    });
    expect(nextAction(s, NOW)).toEqual({ action: 'deactivate', at: NOW - 1000 });
  });

  it('waits for the earliest timer when nothing is due', () => {
    const s = state({ leave: { at: '2027-03-09T00:00:00.000Z', reason: 'leave-date', by: hr } });
    expect(nextAction(s, NOW)).toEqual({ action: 'deactivate', at: Date.parse('2027-03-09T00:00:00.000Z') });
    expect(schedule(s, NOW).map((a) => a.action)).toEqual(['deactivate', 'invite']);
  });

  it('sends the leave notice at once when the leave was set inside the notice period, but not for a withdrawn offer', () => {
    const manager = { employeeId: 'M1', userId: '9', email: 'm1@example.com', lookups: 1 };
    const soon = state({ manager, leave: { at: iso(NOW + 2 * DAY), reason: 'leave-date', by: hr } });
    expect(nextAction(soon, NOW)?.action).toBe('leave-notice');
    const withdrawn = state({ manager, withdrawn: true, leave: { at: iso(NOW), reason: 'offer-withdrawn', by: hr } });
    expect(candidates(withdrawn, NOW).map((c) => c.action)).not.toContain('leave-notice');
  });

  it('resolves the calendar again before anything else after a rehire with a new start date', () => {
    const s = state({
      stage: 'Deactivated',
      rehirePending: true,
      employee: { ...state().employee, startDate: '2027-06-01' },
    });
    expect(calendarOf(s)).toBeUndefined();
    expect(candidates(s, NOW).map((c) => c.action)).toEqual(['resolve-calendar', 'reactivate']);
  });

  it('invites at a wall-clock time of the start date: the offset is local time, not a duration after midnight', () => {
    expect(inviteWallTime('2027-03-28', '9h')).toBe('2027-03-28T09:00:00');
    expect(inviteWallTime('2027-03-10', '-7d')).toBe('2027-03-03T00:00:00');
    expect(inviteWallTime('2027-03-10', '36h')).toBe('2027-03-11T12:00:00');
  });

  it('counts retention from the leave instant, so a back-dated leave does not extend it', () => {
    const leaveAt = NOW - 20 * DAY;
    const s = state({
      stage: 'Deactivated',
      deactivatedAt: iso(NOW),
      leave: { at: iso(leaveAt), reason: 'leave-date', by: hr },
    });
    expect(deleteAfter(s)).toBe(leaveAt + 30 * DAY);
    expect(nextAction(s, NOW)).toEqual({ action: 'expire-retention', at: leaveAt + 30 * DAY });
  });

  it('reactivates when the leave was removed while its deactivation was being done', () => {
    const s = state({ stage: 'Deactivated', deactivatedAt: iso(NOW), leave: undefined });
    expect(nextAction(s, NOW)).toEqual({ action: 'reactivate', at: NOW });
  });

  it('retracts the operators’ deletion request before reactivating a rehire', () => {
    const s = state({
      stage: 'AwaitingManualDeletion',
      scrubbedAt: iso(NOW - DAY),
      rehirePending: true,
      deletion: { requests: 1, requestedAt: iso(NOW - DAY) },
    });
    expect(nextAction(s, NOW)?.action).toBe('retract-deletion-request');
    const retracted = { ...s, deletion: { ...s.deletion, retractedAt: iso(NOW) } };
    expect(nextAction(retracted, NOW)?.action).toBe('reactivate');
  });

  it('retracts the deletion request when a legal hold arrives after it, and asks again after the release', () => {
    const awaiting = state({
      stage: 'AwaitingManualDeletion',
      scrubbedAt: iso(NOW - DAY),
      deletion: { requests: 1, requestedAt: iso(NOW - DAY) },
    });
    const held = { ...awaiting, legalHold: { reason: 'subpoena', placedAt: iso(NOW), by: hr } };
    expect(nextAction(held, NOW)?.action).toBe('retract-deletion-request');
    const retracted = { ...held, deletion: { ...held.deletion, retractedAt: iso(NOW) } };
    expect(nextAction(retracted, NOW)).toBeUndefined();
    expect(schedule(retracted, NOW)).toEqual([{ action: 'request-manual-deletion', blockedBy: 'legal-hold' }]);
    const released = { ...retracted, legalHold: undefined };
    expect(nextAction(released, NOW)?.action).toBe('request-manual-deletion');
  });

  it('looks a manager without an account up again with a backoff, from a minute to a day', () => {
    expect([1, 2, 3, 11, 12, 50].map(managerLookupDelay)).toEqual([60_000, 120_000, 240_000, 61_440_000, DAY, DAY]);
    const s = state({ manager: { employeeId: 'M1', lookups: 2, lookedUpAt: iso(NOW) } });
    expect(candidates(s, NOW).find((c) => c.action === 'resolve-manager')?.at).toBe(NOW + 120_000);
  });

  it('removes a withdrawn offer without provisioning when no account is known yet', () => {
    const s = state({ stage: 'Provisioning', account: undefined, withdrawn: true, parked: [parked('provision')] });
    expect(nextAction(s, NOW)).toEqual({ action: 'deactivate', at: NOW });
  });

  it('shows operator-blocked actions without a time', () => {
    const s = state({ stage: 'AwaitingManualDeletion', deletion: { requests: 1, requestedAt: iso(NOW) } });
    expect(schedule(s, NOW)).toEqual([{ action: 'confirm-deletion', blockedBy: 'operator-confirmation' }]);
  });
});
