import type { EmployeeRecord } from '../workflows/contract';
import { joinerSchema, recordOf } from '../api/schemas/employee';
import { isoDateOf } from './dates';
import { DATE_FIELDS, IMPORT_FIELDS, REQUIRED_FIELDS, type ColumnMapping, type ImportField } from './mapping';
import type { Table, TableRecord } from './table';

/**
 * A table's records as employee records, each validated by the API's own joiner schema (so a row
 * is valid exactly when the same record sent to `POST /v1/employees` would be), with every problem
 * named by line and by the export's column.
 */

/** One problem of a row: where (the export's column and Tenure's field) and what to do. */
export interface RowProblem {
  column?: string;
  field?: string;
  message: string;
}

/** A row that is a valid employee record. */
export interface ValidRow {
  line: number;
  record: EmployeeRecord;
}

/** A row that is not: its line, the id it claims (if any), and every problem. */
export interface InvalidRow {
  line: number;
  employeeId?: string;
  problems: RowProblem[];
}

/** A problem of the whole file (its header, its columns): nothing can be imported from it. */
export interface FileProblem {
  line: number;
  message: string;
}

export interface ReadRows {
  valid: ValidRow[];
  invalid: InvalidRow[];
  fileProblems: FileProblem[];
  /** the file says when people leave (it has a leave column): a row without a leave removes one */
  leaveGiven: boolean;
}

/** `'Hire_Date' (startDate)`, or just the field when the column is Tenure's own name. */
function where(column: string | undefined, field: string | undefined): string {
  if (column && field && column !== field) return `column '${column}' (${field})`;
  if (column ?? field) return `column '${column ?? field}'`;
  return 'the row';
}

/** The text a person reads for a problem: where, then what. */
export function problemText(problem: RowProblem): string {
  return `${where(problem.column, problem.field)}: ${problem.message}`;
}

function headerProblems(table: Table, mapping: ColumnMapping, identity: boolean): FileProblem[] {
  const problems: FileProblem[] = table.duplicateColumns.map((c) => ({
    line: 1,
    message: `column '${c}' appears twice in the header`,
  }));
  const mapped = new Set(table.columns.filter((c) => mapping.columns[c]).map((c) => mapping.columns[c]));
  for (const field of REQUIRED_FIELDS) {
    if (mapped.has(field) || mapping.defaults[field] !== undefined) continue;
    const source = Object.entries(mapping.columns).find(([, f]) => f === field)?.[0];
    problems.push({
      line: 1,
      message:
        identity || !source
          ? `required column '${field}' is missing`
          : `required column '${source}' (${field}) is missing`,
    });
  }
  if (identity) {
    for (const column of table.columns) {
      if (!(IMPORT_FIELDS as readonly string[]).includes(column)) {
        problems.push({
          line: 1,
          message: `column '${column}' is not a Tenure field: give a mapping file (--mapping)`,
        });
      }
    }
  }
  return problems;
}

/** A cell as text: CSV cells are; JSON values may be numbers or booleans; empty means "not given". */
function textOf(value: unknown): string | undefined | { problem: string } {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return { problem: 'must be text, not an object or a list' };
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function rowOf(record: TableRecord, mapping: ColumnMapping): ValidRow | InvalidRow {
  const problems: RowProblem[] = [];
  const columnOf = new Map<string, string>();
  const fields: Partial<Record<ImportField, string>> = { ...mapping.defaults };
  for (const [column, raw] of Object.entries(record.values)) {
    const field = mapping.columns[column];
    if (!field) continue;
    columnOf.set(field, column);
    const value = textOf(raw);
    if (value === undefined) continue;
    if (typeof value === 'object') {
      problems.push({ column, field, message: value.problem });
      continue;
    }
    if (DATE_FIELDS.includes(field)) {
      const iso = isoDateOf(value, mapping.dateFormat);
      if (!iso) {
        problems.push({ column, field, message: `'${value}' is not a date in ${mapping.dateFormat} form` });
        continue;
      }
      fields[field] = iso;
    } else {
      fields[field] = value;
    }
  }
  const employeeId = fields.employeeId;
  if (record.shapeProblem) problems.push({ message: record.shapeProblem });
  if (problems.length === 0) {
    const parsed = joinerSchema.safeParse(fields);
    if (parsed.success) return { line: record.line, record: recordOf(parsed.data) };
    for (const issue of parsed.error.issues) {
      const field = issue.path.length > 0 ? String(issue.path[0]) : undefined;
      const message =
        issue.code === 'invalid_type' && fields[field as ImportField] === undefined ? 'is required' : issue.message;
      problems.push({ ...(field ? { field, column: columnOf.get(field) ?? field } : {}), message });
    }
  }
  return { line: record.line, ...(employeeId ? { employeeId } : {}), problems };
}

/**
 * Reads a table with a mapping: file problems (header), then each row; rows naming the same
 * employee twice are all invalid (which of them is the current record is for HR to say).
 */
export function readRows(table: Table, mapping: ColumnMapping, identity = false): ReadRows {
  const fileProblems = headerProblems(table, mapping, identity);
  const leaveGiven = table.columns.some((c) => mapping.columns[c] === 'leaveDate' || mapping.columns[c] === 'leaveAt');
  if (fileProblems.length > 0) return { valid: [], invalid: [], fileProblems, leaveGiven };
  const rows = table.records.map((r) => rowOf(r, mapping));
  const linesOf = new Map<string, number[]>();
  for (const row of rows) {
    const id = 'record' in row ? row.record.employeeId : row.employeeId;
    if (id) linesOf.set(id, [...(linesOf.get(id) ?? []), row.line]);
  }
  const valid: ValidRow[] = [];
  const invalid: InvalidRow[] = [];
  for (const row of rows) {
    const id = 'record' in row ? row.record.employeeId : row.employeeId;
    const lines = id ? linesOf.get(id)! : [];
    const duplicate: RowProblem[] =
      lines.length > 1
        ? [
            {
              message: `employee ${id} appears on lines ${lines.join(', ')}: keep one row per employee`,
            },
          ]
        : [];
    if ('record' in row && duplicate.length === 0) valid.push(row);
    else if ('record' in row) invalid.push({ line: row.line, employeeId: id!, problems: duplicate });
    else invalid.push({ ...row, problems: [...row.problems, ...duplicate] });
  }
  return { valid, invalid, fileProblems, leaveGiven };
}
