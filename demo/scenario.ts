import type { EmployeeStatus } from '../workflows/contract';
import type { TenureApi } from './api-client';
import { MOVER_DEPARTMENT, type Story } from './cast';

/** Who acts in the demo: HR, the manager, an operator (each through the API with their token), the employee. */
export interface Actors {
  hr: TenureApi;
  manager: TenureApi;
  operator: TenureApi;
  /**
   * the employee opening the claim link of Workplace's invitation e-mail (the emulator serves the
   * link; Tenure never sees it)
   */
  openClaimLink(employeeId: string): Promise<void>;
}

/** Something someone does to an employee once the employee's status allows it. */
export interface Step {
  story: Story | 'manager';
  /** what happens, for the demo's log (`name` is the employee's) */
  says(name: string): string;
  when(status: EmployeeStatus, now: number): boolean;
  run(actors: Actors, status: EmployeeStatus): Promise<void>;
}

/** How long a stage stays on screen before the demo moves on: long enough to be seen. */
const LINGER_MS = 3_000;

const waitingForClaim = (s: EmployeeStatus) =>
  Boolean(s.invitedAt) && !s.claimedAt && (s.stage === 'Invited' || s.stage === 'Unclaimed');

const openLink: Omit<Step, 'story'> = {
  says: (name) => `${name} opens the claim link of the invitation`,
  when: waitingForClaim,
  run: (actors, s) => actors.openClaimLink(s.employeeId),
};

/** The demo's script: who does what, and when. Stories without a step here run on the policy alone. */
export const STEPS: readonly Step[] = [
  { story: 'manager', ...openLink },
  { story: 'claims', ...openLink },
  {
    story: 'claims',
    says: (name) => `HR reports that ${name} resigned, effective now`,
    when: (s) => s.stage === 'Active' && !s.leave,
    run: async (actors, s) => void (await actors.hr.leave(s.employeeId, { note: 'Resigned (demo)' })),
  },
  {
    story: 'claims',
    // Workplace deletes claimed accounts in its Admin Panel only, which the emulator does not have:
    // the operator's confirmation is the part Tenure sees, and the emulator keeps the scrubbed account.
    says: (name) => `an operator confirms that ${name}'s scrubbed account was deleted in the Workplace Admin Panel`,
    when: (s, now) =>
      s.stage === 'AwaitingManualDeletion' &&
      Boolean(s.manualDeletionRequestedAt) &&
      now - Date.parse(s.manualDeletionRequestedAt!) >= LINGER_MS,
    run: async (actors, s) =>
      void (await actors.operator.confirmDeletion(s.employeeId, {
        note: 'Deleted in the Workplace Admin Panel (demo)',
      })),
  },
  {
    story: 'never-claims',
    says: (name) => `HR reports that ${name}'s contract ended, effective now`,
    when: (s) => s.stage === 'Unclaimed' && !s.leave,
    run: async (actors, s) => void (await actors.hr.leave(s.employeeId, { note: 'Contract ended (demo)' })),
  },
  {
    story: 'manager-leave',
    says: (name) => `the manager reports ${name}'s early leave with the manager token`,
    when: (s) => s.stage === 'Invited' && s.remindersSent >= 1 && !s.leave,
    run: async (actors, s) => void (await actors.manager.leave(s.employeeId, { note: 'Left early (demo)' })),
  },
  { story: 'scheduled-leave', ...openLink },
  { story: 'mover', ...openLink },
  {
    story: 'mover',
    says: (name) => `HR moves ${name} to ${MOVER_DEPARTMENT} as Research Scientist`,
    when: (s) => s.stage === 'Active' && s.employee.department !== MOVER_DEPARTMENT,
    run: async (actors, s) =>
      void (await actors.hr.change(s.employeeId, { department: MOVER_DEPARTMENT, title: 'Research Scientist' })),
  },
];

/** Whether an employee's story is told to its end. */
export function storyDone(story: Story | 'manager', s: EmployeeStatus): boolean {
  switch (story) {
    case 'manager':
      // The manager's own lifecycle is not what the demo waits for.
      return true;
    case 'mover':
      return (
        s.stage === 'Active' &&
        s.employee.department === MOVER_DEPARTMENT &&
        !s.pending.profileSync &&
        s.timeline.some((entry) => entry.event === 'profile-updated')
      );
    case 'scheduled-leave':
      // Left for the user to confirm, as an operator would after deleting it in the Admin Panel.
      return s.stage === 'AwaitingManualDeletion';
    default:
      return s.stage === 'Deleted';
  }
}
