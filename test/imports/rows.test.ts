import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDENTITY_MAPPING, parseMapping, type ColumnMapping } from '../../imports/mapping';
import { problemText, readRows } from '../../imports/rows';
import { readTable } from '../../imports/table';

const root = join(__dirname, '..', '..');
const example = (path: string) => readFileSync(join(root, 'examples', path), 'utf8');
const rowsOf = (csv: string, mapping: ColumnMapping = IDENTITY_MAPPING) =>
  readRows(readTable(csv, 'csv'), mapping, mapping === IDENTITY_MAPPING);

const HEADER = 'employeeId,email,givenName,familyName,timeZone,startDate,leaveDate';

describe('rows of an export', () => {
  it('reads the shipped Workday-style sample through its mapping: every row valid, quoted fields intact', () => {
    const read = rowsOf(example('workday/workers.csv'), parseMapping(example('workday/mapping.json')));
    expect(read.fileProblems).toEqual([]);
    expect(read.invalid).toEqual([]);
    expect(read.valid.map((r) => [r.line, r.record.employeeId])).toEqual([
      [2, 'WD-1001'],
      [3, 'WD-1002'],
      [4, 'WD-1003'],
      [5, 'WD-1004'],
    ]);
    expect(read.valid[0]!.record.title).toBe('Director, Engineering');
    expect(read.valid[2]!.record).toMatchObject({ title: 'Rear Admiral "Amazing" Engineer', leaveDate: '2027-12-31' });
    expect(read.leaveGiven).toBe(true);
  });

  it('reads the shipped BambooHR-style sample (BOM, US dates, a default zone) through its mapping', () => {
    const read = rowsOf(example('bamboohr/employees.csv'), parseMapping(example('bamboohr/mapping.json')));
    expect(read.fileProblems).toEqual([]);
    expect(read.invalid).toEqual([]);
    expect(read.valid.map((r) => r.record)).toEqual([
      expect.objectContaining({ employeeId: 'BH-201', startDate: '2025-01-13', timeZone: 'America/Denver' }),
      expect.objectContaining({ employeeId: 'BH-202', startDate: '2027-03-01', managerEmployeeId: 'BH-201' }),
      expect.objectContaining({ employeeId: 'BH-203', startDate: '2027-03-15', leaveDate: '2027-12-31' }),
    ]);
  });

  it('names a missing required column on line 1 by the export’s header, and imports nothing', () => {
    const mapping = parseMapping(example('workday/mapping.json'));
    const csv = example('workday/workers.csv').replace('Hire_Date', 'Start');
    const read = rowsOf(csv, mapping);
    expect(read.fileProblems).toEqual([{ line: 1, message: "required column 'Hire_Date' (startDate) is missing" }]);
    expect(read.valid).toEqual([]);
  });

  it('without a mapping, refuses a header that is not a Tenure field', () => {
    const read = rowsOf(`${HEADER},startdate\n`);
    expect(read.fileProblems.map((p) => p.message)).toEqual([
      "column 'startdate' is not a Tenure field: give a mapping file (--mapping)",
    ]);
  });

  it('answers a date in the wrong layout with its line, column and the layout expected', () => {
    const mapping = parseMapping(example('bamboohr/mapping.json'));
    const csv = example('bamboohr/employees.csv').replace('03/01/2027', '2027-03-01');
    const read = rowsOf(csv, mapping);
    expect(read.invalid).toHaveLength(1);
    expect(read.invalid[0]!.line).toBe(3);
    expect(read.invalid[0]!.problems.map(problemText)).toEqual([
      "column 'Hire Date' (startDate): '2027-03-01' is not a date in MM/DD/YYYY form",
    ]);
  });

  it('validates each row with the API’s joiner rules: an impossible date, a bad e-mail, a leave before the start', () => {
    const csv = [
      HEADER,
      'E1,e1@example.com,A,B,Europe/Berlin,2027-02-30,',
      'E2,not-an-email,A,B,Europe/Berlin,2027-02-01,',
      'E3,e3@example.com,A,B,Mars/Olympus,2027-02-01,',
      'E4,e4@example.com,A,B,Europe/Berlin,2027-02-01,2027-01-01',
      'E5,e5@example.com,A,B,Europe/Berlin,2027-02-01,',
    ].join('\n');
    const read = rowsOf(csv);
    expect(read.valid.map((r) => r.record.employeeId)).toEqual(['E5']);
    const byLine = Object.fromEntries(read.invalid.map((r) => [r.line, r.problems.map(problemText).join('; ')]));
    expect(byLine[2]).toMatch(/^column 'startDate': must be a real calendar date/);
    expect(byLine[3]).toMatch(/^column 'email': must be an e-mail address/);
    expect(byLine[4]).toMatch(/^column 'timeZone': must be an IANA time zone/);
    expect(byLine[5]).toMatch(/^column 'leaveDate': .*start/);
  });

  it('marks every row of an employee named twice, and a row with too many cells', () => {
    const csv = [
      HEADER,
      'E1,e1@example.com,A,B,Europe/Berlin,2027-02-01,',
      'E2,e2@example.com,A,B,Europe/Berlin,2027-02-01,,extra',
      'E1,e1b@example.com,A,B,Europe/Berlin,2027-02-01,',
    ].join('\n');
    const read = rowsOf(csv);
    expect(read.valid).toEqual([]);
    const byLine = Object.fromEntries(read.invalid.map((r) => [r.line, r.problems.map(problemText).join('; ')]));
    expect(byLine[2]).toBe('the row: employee E1 appears on lines 2, 4: keep one row per employee');
    expect(byLine[4]).toBe(byLine[2]);
    expect(byLine[3]).toMatch(/has 8 cells where the header has 7 columns/);
  });

  it('reads JSON lines through the same rules, numbers as text', () => {
    const jsonl = [
      JSON.stringify({
        employeeId: 1001,
        email: 'a@example.com',
        givenName: 'A',
        familyName: 'B',
        timeZone: 'UTC',
        startDate: '2027-01-04',
      }),
      JSON.stringify({ employeeId: 'E2', email: 'b@example.com', givenName: 'A', familyName: 'B', timeZone: 'UTC' }),
    ].join('\n');
    const read = readRows(readTable(jsonl, 'jsonl'), IDENTITY_MAPPING, true);
    expect(read.valid.map((r) => r.record.employeeId)).toEqual(['1001']);
    expect(read.invalid.map((r) => [r.line, r.problems.map(problemText)])).toEqual([
      [2, ["column 'startDate': is required"]],
    ]);
  });
});
