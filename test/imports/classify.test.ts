import type { EmployeeRecord, EmployeeStatus } from '../../workflows/contract';
import { classifyRow } from '../../imports/classify';

const inForce: EmployeeRecord = {
  employeeId: 'E1',
  email: 'e1@example.com',
  givenName: 'Ada',
  familyName: 'Lovelace',
  department: 'Engineering',
  timeZone: 'Europe/London',
  startDate: '2026-01-05',
  leaveDate: '2027-06-30',
};

/** A running lifecycle's status with what classification reads: stage, record in force, leave. */
function running(stage: EmployeeStatus['stage'], leave?: EmployeeStatus['leave']) {
  const status = { stage, employee: inForce, ...(leave ? { leave } : {}) } as EmployeeStatus;
  return { kind: 'running' as const, status };
}

const context = { fileHash: 'ab'.repeat(32), leaveGiven: true };
const row = (changes: Partial<EmployeeRecord>) => ({ line: 7, record: { ...inForce, ...changes } });

describe('classifying a row against the lifecycle', () => {
  it('sends only the profile fields that change, with the leave change, as a PATCH under the row’s key', () => {
    const entry = classifyRow(row({ department: 'Research', leaveDate: '2027-03-31' }), running('Active'), context);
    expect(entry).toEqual({
      line: 7,
      employeeId: 'E1',
      kind: 'change',
      fields: ['department'],
      leave: 'moved',
      request: {
        method: 'PATCH',
        path: '/employees/E1',
        body: { department: 'Research', leaveDate: '2027-03-31' },
        idempotencyKey: `tenure-import.${'ab'.repeat(16)}.line-7`,
      },
    });
  });

  it('removes a leave the row no longer carries only when the file has a leave column', () => {
    const { leaveDate: _gone, ...record } = inForce;
    const removed = classifyRow({ line: 7, record }, running('Active'), context);
    expect(removed).toMatchObject({ kind: 'change', leave: 'removed', request: { body: { leaveDate: null } } });
    expect(classifyRow({ line: 7, record }, running('Active'), { ...context, leaveGiven: false }).kind).toBe(
      'unchanged',
    );
  });

  it('never moves or removes an early leave (a security termination) from a feed: a conflict', () => {
    const early = { at: '2026-12-01T10:00:00.000Z', reason: 'early-leave' as const };
    const entry = classifyRow(row({ leaveDate: '2027-12-31' }), running('Active', early), context);
    expect(entry).toMatchObject({ kind: 'conflict', note: expect.stringMatching(/early leave is in force/) });
    expect(entry.request).toBeUndefined();
  });

  it('refuses a start date, zone or sign-in method a running lifecycle cannot change, naming both values', () => {
    const entry = classifyRow(row({ startDate: '2026-02-02', timeZone: 'Europe/Paris' }), running('Invited'), context);
    expect(entry).toMatchObject({
      kind: 'conflict',
      note: expect.stringMatching(/startDate 2026-02-02 \(in force: 2026-01-05\), timeZone Europe\/Paris/),
    });
  });

  it('rehires a leaver whose row has a new start date, and refuses other changes to a leaver', () => {
    const rehire = classifyRow(
      row({ startDate: '2027-09-01', leaveDate: undefined, title: 'Lead' }),
      running('Deactivated'),
      context,
    );
    expect(rehire).toMatchObject({
      kind: 'rehire',
      fields: ['title'],
      request: { method: 'POST', path: '/employees/E1/rehire', body: { startDate: '2027-09-01', title: 'Lead' } },
    });
    const change = classifyRow(row({ department: 'Research' }), running('AwaitingManualDeletion'), context);
    expect(change).toMatchObject({ kind: 'conflict', note: expect.stringMatching(/has left/) });
  });

  it('makes a joiner of an unknown id, a new employment of an ended one, a conflict of an unreadable one', () => {
    expect(classifyRow(row({}), { kind: 'unknown' }, context)).toMatchObject({
      kind: 'joiner',
      request: { method: 'POST', path: '/employees', body: inForce },
    });
    expect(classifyRow(row({}), { kind: 'ended', stage: 'Deleted' }, context)).toMatchObject({
      kind: 'rehire',
      note: 'a new employment (the earlier lifecycle ended Deleted)',
    });
    expect(classifyRow(row({}), { kind: 'unreadable', message: 'no worker' }, context)).toMatchObject({
      kind: 'conflict',
    });
  });
});
