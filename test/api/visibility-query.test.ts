import { CursorCodec } from '../../api/lifecycle/cursor';
import { employeesQuery, quote } from '../../api/lifecycle/visibility-query';

describe('visibility queries', () => {
  it('quotes and escapes every value, so that no filter changes the query structure', () => {
    expect(quote('plain')).toBe('"plain"');
    expect(quote('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(() => quote('line\nbreak')).toThrow('control characters');
  });

  it('turns filters into one AND of clauses, dates as half-open ranges', () => {
    expect(
      employeesQuery({
        stage: ['Invited', 'Unclaimed'],
        department: 'R&D',
        manager: 'M-1',
        startFrom: new Date('2026-03-01T00:00:00Z'),
        leaveBefore: new Date('2027-01-01T00:00:00Z'),
        needsAttention: true,
        legalHold: false,
      }),
    ).toBe(
      'WorkflowType = "employeeLifecycleWorkflow" AND ExecutionStatus != "ContinuedAsNew" AND ' +
        'LifecycleStage IN ("Invited", "Unclaimed") AND Department = "R&D" AND ManagerEmployeeId = "M-1" AND ' +
        'StartDate >= "2026-03-01T00:00:00.000Z" AND LeaveDate < "2027-01-01T00:00:00.000Z" AND ' +
        '(NeedsAttention = true OR ExecutionStatus = "Failed" OR ExecutionStatus = "TimedOut") AND LegalHold = false',
    );
  });
});

describe('list cursors', () => {
  const token = Buffer.from('{"RunID":"abc"}');

  it('round-trips a page token for the query it was made for', () => {
    const codec = new CursorCodec('s'.repeat(32));
    const cursor = codec.encode('Q1', token);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(codec.decode('Q1', cursor)).toEqual(token);
    expect(new CursorCodec('s'.repeat(32)).decode('Q1', cursor)).toEqual(token);
  });

  it('refuses a cursor for another query, from another key, or altered', () => {
    const codec = new CursorCodec('s'.repeat(32));
    const cursor = codec.encode('Q1', token);
    expect(() => codec.decode('Q2', cursor)).toThrow('the cursor is not one this API issued for these filters');
    expect(() => new CursorCodec('t'.repeat(32)).decode('Q1', cursor)).toThrow();
    const altered = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { t: string };
    altered.t = Buffer.from('{"RunID":"abd"}').toString('base64url');
    expect(() => codec.decode('Q1', Buffer.from(JSON.stringify(altered)).toString('base64url'))).toThrow();
    expect(() => codec.decode('Q1', '!!!')).toThrow();
  });
});
