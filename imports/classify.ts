import { PROFILE_FIELDS, type EmployeeRecord, type EmployeeStatus } from '../workflows/contract';
import type { DiffEntry, LeaveChangeKind } from './diff-entry';
import { rowKey } from './idempotency';
import type { Known } from './known';
import type { ValidRow } from './rows';

/**
 * One row against what Tenure knows of its employee: the diff entry and the request that would
 * carry it out — the very request an HR system would send: POST /v1/employees for a joiner,
 * PATCH for a mover or a leave, POST …/rehire for a rehire.
 */

/** Stages in which an employee has left but may come back on the same account. */
const LEFT_STAGES = ['Deactivated', 'AwaitingManualDeletion'];

/** Fields a running lifecycle cannot take from a feed (no request changes them). */
const FIXED_FIELDS = ['startDate', 'timeZone', 'authMethod'] as const;

export interface ClassifyContext {
  fileHash: string;
  /** the file has a leave column: a row without a leave removes the one in force */
  leaveGiven: boolean;
}

const path = (id: string) => `/employees/${encodeURIComponent(id)}`;

/** The profile fields the row gives that differ from the record in force. */
function changedProfile(row: EmployeeRecord, inForce: EmployeeRecord): Partial<EmployeeRecord> {
  const changes: Record<string, string> = {};
  for (const field of PROFILE_FIELDS) {
    const value = row[field];
    if (value !== undefined && value !== inForce[field]) changes[field] = value;
  }
  return changes;
}

/** The leave the row asks for, against the one in force: the change and the PATCH fields for it. */
function leaveChange(
  row: EmployeeRecord,
  inForce: EmployeeRecord,
): { kind: LeaveChangeKind; body: { leaveDate?: string | null; leaveAt?: string | null } } | undefined {
  const wanted = row.leaveDate ?? row.leaveAt;
  const current = inForce.leaveDate ?? inForce.leaveAt;
  const same =
    (wanted === undefined && current === undefined) ||
    (row.leaveDate !== undefined && row.leaveDate === inForce.leaveDate) ||
    (row.leaveAt !== undefined &&
      inForce.leaveAt !== undefined &&
      Date.parse(row.leaveAt) === Date.parse(inForce.leaveAt));
  if (same) return undefined;
  const body = row.leaveDate
    ? { leaveDate: row.leaveDate }
    : row.leaveAt
      ? { leaveAt: row.leaveAt }
      : { leaveDate: null };
  return { kind: current === undefined ? 'set' : wanted === undefined ? 'removed' : 'moved', body };
}

function runningEntry(row: ValidRow, status: EmployeeStatus, context: ClassifyContext): DiffEntry {
  const { record, line } = row;
  const base = { line, employeeId: record.employeeId };
  const inForce = status.employee;
  const key = rowKey(context.fileHash, { line });
  if (LEFT_STAGES.includes(status.stage) && record.startDate !== inForce.startDate) {
    const changes = changedProfile(record, inForce);
    const body = {
      startDate: record.startDate,
      ...(record.leaveDate ? { leaveDate: record.leaveDate } : {}),
      ...(record.leaveAt ? { leaveAt: record.leaveAt } : {}),
      ...(record.timeZone !== inForce.timeZone ? { timeZone: record.timeZone } : {}),
      ...changes,
    };
    return {
      ...base,
      kind: 'rehire',
      fields: Object.keys(changes),
      note: `rehired on the same account (${status.stage}), starting ${record.startDate}`,
      request: { method: 'POST', path: `${path(record.employeeId)}/rehire`, body, idempotencyKey: key },
    };
  }
  const fixed = FIXED_FIELDS.filter((f) => record[f] !== undefined && record[f] !== inForce[f]);
  if (fixed.length > 0) {
    const what = fixed.map((f) => `${f} ${String(record[f])} (in force: ${String(inForce[f] ?? 'the default')})`);
    return {
      ...base,
      kind: 'conflict',
      note:
        `the row changes ${what.join(', ')}, which no request changes for a running lifecycle` +
        (LEFT_STAGES.includes(status.stage)
          ? ''
          : ': fix the export, or withdraw the offer and start the employee again'),
    };
  }
  const changes = changedProfile(record, inForce);
  const leave = context.leaveGiven ? leaveChange(record, inForce) : undefined;
  if (Object.keys(changes).length === 0 && !leave) return { ...base, kind: 'unchanged' };
  if (LEFT_STAGES.includes(status.stage)) {
    return {
      ...base,
      kind: 'conflict',
      note: `the employee has left (${status.stage}); Tenure changes no leaver's record: give a new startDate to rehire them`,
    };
  }
  if (leave && status.leave?.reason === 'early-leave') {
    return {
      ...base,
      kind: 'conflict',
      note: 'an early leave is in force (a security termination or a manager’s report): an import does not move or remove it; change it through the API if that is meant',
    };
  }
  return {
    ...base,
    kind: 'change',
    fields: Object.keys(changes),
    ...(leave ? { leave: leave.kind } : {}),
    request: {
      method: 'PATCH',
      path: path(record.employeeId),
      body: { ...changes, ...leave?.body },
      idempotencyKey: key,
    },
  };
}

/** The diff entry of a valid row, given what Tenure knows of its employee. */
export function classifyRow(row: ValidRow, known: Known, context: ClassifyContext): DiffEntry {
  const base = { line: row.line, employeeId: row.record.employeeId };
  const joinerRequest = {
    method: 'POST' as const,
    path: '/employees',
    body: row.record,
    idempotencyKey: rowKey(context.fileHash, { line: row.line }),
  };
  switch (known.kind) {
    case 'unknown':
      return { ...base, kind: 'joiner', request: joinerRequest };
    case 'ended':
      // Whether it is the same employment again (unchanged) is the joiner dry run's to say (see diff.ts).
      return {
        ...base,
        kind: 'rehire',
        note: `a new employment (the earlier lifecycle ended${known.stage ? ` ${known.stage}` : ''})`,
        request: joinerRequest,
      };
    case 'unreadable':
      return { ...base, kind: 'conflict', note: `the employee's status could not be read: ${known.message}` };
    case 'running':
      return runningEntry(row, known.status, context);
  }
}
