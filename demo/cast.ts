import { randomInt } from 'node:crypto';
import type { Joiner } from '../api/schemas/employee';

/** The five stories the demo tells, one employee each. */
export const STORIES = ['claims', 'never-claims', 'manager-leave', 'scheduled-leave', 'mover'] as const;
export type Story = (typeof STORIES)[number];

/** What each story shows, as the table labels it. */
export const STORY_LABELS: Record<Story | 'manager', string> = {
  manager: 'their manager',
  claims: 'claims, resigns',
  'never-claims': 'never claims',
  'manager-leave': 'early leave (manager)',
  'scheduled-leave': 'scheduled leave',
  mover: 'mover',
};

/** One employee of the demo. */
export interface CastMember {
  story: Story | 'manager';
  joiner: Joiner;
}

/** The department the mover moves to. */
export const MOVER_DEPARTMENT = 'Research';

const PEOPLE: Record<Story, { givenName: string; familyName: string; title: string }> = {
  claims: { givenName: 'Ada', familyName: 'Lovelace', title: 'Analyst' },
  'never-claims': { givenName: 'Grace', familyName: 'Hopper', title: 'Engineer' },
  'manager-leave': { givenName: 'Alan', familyName: 'Turing', title: 'Cryptanalyst' },
  'scheduled-leave': { givenName: 'Katherine', familyName: 'Johnson', title: 'Mathematician' },
  mover: { givenName: 'Edsger', familyName: 'Dijkstra', title: 'Engineer' },
};

/**
 * A prefix no other run of the demo uses, so that the demo can run again and again against the
 * same stack (employee ids and e-mail addresses must be new each time).
 */
export function newRunId(now: number = Date.now()): string {
  // The clock orders runs; two random characters keep runs started in the same millisecond apart.
  return `${RUN_PREFIX}${now.toString(36)}${randomInt(36 * 36)
    .toString(36)
    .padStart(2, '0')}`.toUpperCase();
}

/** What every demo employee id starts with (the manager's excepted). */
export const RUN_PREFIX = 'DEMO-';

const utcDate = (at: number) => new Date(at).toISOString().slice(0, 10);

/**
 * The demo's manager: the employee the development manager token speaks for. The same record on
 * every run, so that hiring them again is a no-op (the API answers 200).
 */
export function managerOf(employeeId: string): CastMember {
  return {
    story: 'manager',
    joiner: {
      employeeId,
      email: `${employeeId.toLowerCase()}.manager@example.com`,
      givenName: 'Morgan',
      familyName: 'Devlin',
      title: 'Engineering Manager',
      department: 'Engineering',
      timeZone: 'UTC',
      startDate: '2024-01-02',
    },
  };
}

/**
 * A joiner hired only to read the worker's policy, then withdrawn: it starts in a month, so that
 * withdrawing the offer is allowed and removes its account whatever the stack's policy.
 */
export function policyProbe(runId: string, now: number): Joiner {
  return {
    employeeId: `${runId}-PROBE`,
    email: `policy.probe.${runId.toLowerCase()}@example.com`,
    givenName: 'Policy',
    familyName: 'Probe',
    timeZone: 'UTC',
    startDate: utcDate(now + 30 * 86_400_000),
  };
}

/**
 * The five employees of one run: all start today (UTC) under the same manager, so they are invited
 * at once under the demo policy; the scheduled leaver leaves `leaveInMs` from now.
 */
export function castOf(runId: string, managerId: string, now: number, leaveInMs: number): CastMember[] {
  return STORIES.map((story, index) => {
    const person = PEOPLE[story];
    const joiner: Joiner = {
      employeeId: `${runId}-${index + 1}`,
      email: `${person.givenName}.${person.familyName}.${runId}@example.com`.toLowerCase(),
      givenName: person.givenName,
      familyName: person.familyName,
      title: person.title,
      department: 'Engineering',
      managerEmployeeId: managerId,
      timeZone: 'UTC',
      startDate: utcDate(now),
      ...(story === 'scheduled-leave' ? { leaveAt: new Date(now + leaveInMs).toISOString() } : {}),
    };
    return { story, joiner };
  });
}
