import { loadLifecyclePolicy } from '../../config/lifecycle-policy';
import { demoDurationMs, inviteDelayMs, policyProblem, policyWarnings } from '../../demo/policy';
import { DEMO_POLICY_ENV } from '../../demo/policy';
import { DEFAULT_LIFECYCLE_POLICY } from '../../workflows/contract';

const demoPolicy = loadLifecyclePolicy({ ...DEMO_POLICY_ENV });

describe('the demo policy', () => {
  it('is a policy the worker accepts, and plays the demo in under a minute', () => {
    expect(demoPolicy.reminderInterval).toBe('5s');
    expect(demoDurationMs(demoPolicy, 0)).toBeLessThan(60_000);
    expect(policyProblem(demoPolicy, 0)).toBeUndefined();
    expect(policyWarnings(demoPolicy)).toEqual([]);
  });

  it('refuses the default policy and tells the user to run npm run start:demo', () => {
    const problem = policyProblem(DEFAULT_LIFECYCLE_POLICY, 0);
    expect(problem).toContain('reminders every 3d');
    expect(problem).toContain('npm run start:demo');
  });

  it('counts the wait for the invitation: a 9h offset at 08:00 UTC is an hour away', () => {
    const at = Date.parse('2026-05-04T08:00:00Z');
    expect(inviteDelayMs({ ...demoPolicy, inviteOffset: '9h' }, at)).toBe(3_600_000);
    expect(
      policyProblem({ ...demoPolicy, inviteOffset: '9h' }, inviteDelayMs({ ...demoPolicy, inviteOffset: '9h' }, at)),
    ).toMatch(/would take 6\d min/);
  });

  it('warns when the policy never e-mails the manager', () => {
    expect(policyWarnings({ ...demoPolicy, escalateAfter: 0 })).toEqual([
      expect.stringContaining('LIFECYCLE_ESCALATE_AFTER'),
    ]);
  });
});
