import { candidates, nextAction, schedule } from '../../workflows/lifecycle/plan';
import { initialState } from '../../workflows/lifecycle/state';
import type { EmployeeState } from '../../workflows/lifecycle/types';
import { TEST_POLICY } from '../helpers/time-skipping-suite';

const NOW = Date.parse('2027-03-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

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
  );
  return {
    ...base,
    stage: 'Provisioned',
    workplaceUserId: '1',
    startsAt: '2027-03-10T00:00:00.000Z',
    inviteAt: '2027-03-10T09:00:00.000Z',
    ...overrides,
  };
}

describe('the lifecycle planner', () => {
  it('blocks a failed provision until an operator retries (regression: it looped on the failure)', () => {
    const failed = state({
      stage: 'Provisioning',
      needsAttention: true,
      lastError: { at: iso(NOW), action: 'provision', type: 'WorkplaceRequestRejected', message: 'no' },
    });
    expect(nextAction(failed, NOW)).toBeUndefined();
    expect(candidates(failed, NOW)).toEqual([{ action: 'provision', at: NOW, blockedBy: 'needs-attention' }]);
  });

  it('deactivates before syncing a profile when both are due', () => {
    const s = state({
      leave: { at: iso(NOW - 1000), reason: 'early-leave' },
      pending: { profileSync: true, managerChanged: false, rehire: false },
    });
    expect(nextAction(s, NOW)).toEqual({ action: 'deactivate', at: NOW - 1000 });
  });

  it('waits for the earliest timer when nothing is due', () => {
    const s = state({ leave: { at: '2027-03-09T00:00:00.000Z', reason: 'leave-date' } });
    expect(nextAction(s, NOW)).toEqual({ action: 'deactivate', at: Date.parse('2027-03-09T00:00:00.000Z') });
    expect(schedule(s, NOW).map((a) => a.action)).toEqual(['deactivate', 'invite']);
  });

  it('sends the leave notice at once when the leave was set inside the notice period, but not for a withdrawn offer', () => {
    const manager = { employeeId: 'M1' };
    const soon = state({ manager, leave: { at: iso(NOW + 2 * 86_400_000), reason: 'leave-date' } });
    expect(nextAction(soon, NOW)?.action).toBe('leave-notice');
    const withdrawn = state({ manager, withdrawn: true, leave: { at: iso(NOW), reason: 'offer-withdrawn' } });
    expect(candidates(withdrawn, NOW).map((c) => c.action)).not.toContain('leave-notice');
  });

  it('resolves dates before anything else after a rehire', () => {
    const s = state({
      stage: 'Deactivated',
      startsAt: undefined,
      pending: { profileSync: false, managerChanged: false, rehire: true },
    });
    expect(candidates(s, NOW).map((c) => c.action)).toEqual(['resolve-dates', 'reactivate']);
  });

  it('shows operator-blocked actions without a time', () => {
    const s = state({ stage: 'AwaitingManualDeletion' });
    expect(schedule(s, NOW)).toEqual([{ action: 'confirm-deletion', blockedBy: 'operator-confirmation' }]);
  });
});
