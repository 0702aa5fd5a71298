import { z } from 'zod';
import {
  DEFAULT_LIFECYCLE_POLICY,
  employeeStatusSchema as contractStatusSchema,
  managerStatusSchema as contractManagerStatusSchema,
  stageSchema,
  type EmployeeStatus,
  type ManagerStatus,
} from '../../workflows/contract';
import { employeeRecordExample } from './employee';

/**
 * The views the API answers: the contract's status for HR and operators, its manager view for
 * managers, and what visibility knows when no worker answers. Output schemas strip unknown keys
 * rather than fail: a newer worker may add fields before the API knows them.
 */

export { stageSchema };

const hr = { role: 'hr' as const, name: 'hr:workday-feed' };

export const statusExample = {
  employeeId: employeeRecordExample.employeeId,
  employee: employeeRecordExample,
  policy: { ...DEFAULT_LIFECYCLE_POLICY },
  stage: 'Invited',
  cycle: 1,
  workplaceUserId: 'u-3f2a',
  manager: { employeeId: 'M2001', workplaceUserId: 'u-1b7c', email: 'grace.hopper@example.com' },
  startsAt: '2026-03-02T00:00:00.000Z',
  inviteAt: '2026-03-02T09:00:00.000Z',
  invitedAt: '2026-03-02T09:00:01.000Z',
  remindersSent: 0,
  nextClaimCheckAt: '2026-03-05T09:00:01.000Z',
  leave: { date: '2027-02-26', at: '2027-02-27T00:00:00.000Z', reason: 'leave-date', by: hr },
  deleteAfter: '2027-03-29T00:00:00.000Z',
  withdrawn: false,
  needsAttention: false,
  parked: [],
  pending: { profileSync: false, managerChanged: false, rehire: false, deletionConfirmed: false },
  timeline: [
    { at: '2026-01-15T10:00:00.000Z', event: 'leave-scheduled', detail: 'end of 2027-02-26', by: hr },
    { at: '2026-01-15T10:00:01.000Z', event: 'provisioned', by: { role: 'tenure', rule: 'hire' } },
    { at: '2026-03-02T09:00:01.000Z', event: 'invited', by: { role: 'tenure', rule: 'invite-time' } },
  ],
  timelineDropped: 0,
  schedule: [
    { action: 'check-claim', at: '2026-03-05T09:00:01.000Z' },
    { action: 'deactivate', at: '2027-02-27T00:00:00.000Z' },
  ],
} satisfies EmployeeStatus;

/** `EmployeeStatus` of the contract: what HR and operators see. */
export const employeeStatusSchema = contractStatusSchema.meta({
  description: "The employee's status: stage, account, schedule, timeline, last error",
  examples: [statusExample],
});

export const managerStatusExample = {
  employeeId: 'E1001',
  stage: 'Invited',
  startDate: '2026-03-02',
  startsAt: '2026-03-02T00:00:00.000Z',
  leave: { date: '2027-02-26', at: '2027-02-27T00:00:00.000Z', reason: 'leave-date' },
  legalHold: false,
  needsAttention: false,
  next: { action: 'check-claim', at: '2026-03-05T09:00:01.000Z' },
} satisfies ManagerStatus;

/** What a manager sees of a direct report. */
export const managerStatusSchema = contractManagerStatusSchema.meta({
  description: 'A direct report as their manager sees them: stage, dates, flags and the next action',
  examples: [managerStatusExample],
});

/** Which Temporal execution answered, and how. */
export const runSchema = z.object({
  workflowId: z.string().meta({ example: 'employee-E1001' }),
  runId: z.string().meta({ example: '0195f3c2-7b1e-7c59-9a57-1d1c2b3a4f5e' }),
  executionStatus: z
    .enum(['RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT', 'UNKNOWN'])
    .meta({ example: 'RUNNING' }),
  source: z.enum(['query', 'visibility', 'start']).meta({
    description:
      'query: live status; visibility: a summary (a completed run, its personal data erased, or a closed run no worker answered for); start: the run was just started by this request',
  }),
});
export type Run = z.output<typeof runSchema>;

/** The status with the run it came from (`GET /v1/employees/{employeeId}`). */
export const employeeViewSchema = employeeStatusSchema.extend({ run: runSchema.optional() });

/** What visibility knows of an employee: the search attributes, without a query. */
export const employeeSummarySchema = z
  .object({
    employeeId: z.string().meta({ example: 'E1001' }),
    stage: stageSchema.optional(),
    department: z.string().optional(),
    managerEmployeeId: z.string().optional(),
    startsAt: z.string().optional().meta({ description: 'The instant the start date begins in the employee zone' }),
    leaveAt: z.string().optional().meta({ description: 'The instant deactivation is due' }),
    legalHold: z.boolean(),
    needsAttention: z.boolean(),
    needsAttentionReason: z
      .string()
      .optional()
      .meta({ description: 'Why (not shown to managers): directory-unauthorized, run-failed, or the error type' }),
    startedAt: z.string().meta({ description: 'When this run started' }),
    closedAt: z.string().optional(),
    run: runSchema,
  })
  .meta({ description: 'An employee as visibility knows them (search attributes)' });

const summaryExample = {
  employeeId: 'E1001',
  stage: 'Invited',
  department: 'Engineering',
  managerEmployeeId: 'M2001',
  startsAt: '2026-03-02T00:00:00.000Z',
  leaveAt: '2027-02-27T00:00:00.000Z',
  legalHold: false,
  needsAttention: false,
  startedAt: '2026-01-15T10:00:00.000Z',
  run: {
    workflowId: 'employee-E1001',
    runId: '0195f3c2-7b1e-7c59-9a57-1d1c2b3a4f5e',
    executionStatus: 'RUNNING',
    source: 'visibility',
  },
} satisfies z.output<typeof employeeSummarySchema>;

/**
 * What `POST /v1/employees` answers for a run it has just started: the record and the first stage,
 * at once — the workflow provisions in the background; `GET /v1/employees/{employeeId}` follows it.
 */
export const acceptedViewSchema = z
  .object({
    employeeId: z.string(),
    employee: employeeStatusSchema.shape.employee,
    stage: z.literal('Provisioning'),
    cycle: z.literal(1),
    legalHold: z.literal(false),
    needsAttention: z.literal(false),
    startedAt: z.string(),
    run: runSchema,
    note: z.string(),
  })
  .meta({
    description: 'Started: the record and the first stage; the lifecycle goes on in the background',
    examples: [
      {
        employeeId: employeeRecordExample.employeeId,
        employee: employeeRecordExample,
        stage: 'Provisioning',
        cycle: 1,
        legalHold: false,
        needsAttention: false,
        startedAt: '2026-01-15T10:00:00.000Z',
        run: {
          workflowId: 'employee-E1001',
          runId: '0195f3c2-7b1e-7c59-9a57-1d1c2b3a4f5e',
          executionStatus: 'RUNNING',
          source: 'start',
        },
        note: 'started; follow it with GET /v1/employees/E1001',
      },
    ],
  });
export type AcceptedView = z.output<typeof acceptedViewSchema>;

/** What remains of a completed lifecycle: its summary (no personal data), the rest erased with the data key. */
export const endedViewSchema = employeeSummarySchema.extend({
  ended: z.literal(true),
  note: z.string(),
});

export type EndedView = z.output<typeof endedViewSchema>;

/**
 * What a request that changes a lifecycle answers: the status after it, or — when the request ended
 * the lifecycle (a confirmed deletion, a withdrawn offer) and its data key went with it before the
 * answer could be read — what remains, with `ended: true`.
 */
export const updateResponse = z.union([employeeStatusSchema, endedViewSchema]).meta({
  description:
    'The status after the request was accepted; when the request ended the lifecycle, what remains of it ' +
    '(ended: true, no personal data)',
  examples: [statusExample],
});
export type UpdateAnswer = z.output<typeof updateResponse>;

/** A summary answered instead of the status when no worker could answer for a closed run. */
export const degradedViewSchema = employeeSummarySchema.extend({
  degraded: z.literal(true),
  note: z.string(),
});

/** Responses that carry one employee's status after a request: HR's and operators' view, or a manager's. */
export const statusResponse = z.union([employeeStatusSchema, managerStatusSchema, endedViewSchema]).meta({
  description:
    "The status after the request was accepted (a manager gets the manager's view); when the request ended " +
    'the lifecycle, what remains of it (ended: true)',
  examples: [statusExample],
});

/** The manager's view with the run it came from. */
export const managerViewSchema = managerStatusSchema.extend({ run: runSchema.optional() });

export const viewResponse = z.union([employeeViewSchema, endedViewSchema, degradedViewSchema, managerViewSchema]).meta({
  description:
    "The status (a manager gets the manager's view); for a closed run no worker answered, a summary from " +
    'visibility with degraded: true and a note',
  examples: [
    {
      ...statusExample,
      run: {
        workflowId: 'employee-E1001',
        runId: '0195f3c2-7b1e-7c59-9a57-1d1c2b3a4f5e',
        executionStatus: 'RUNNING',
        source: 'query',
      },
    },
  ],
});
export type EmployeeView = z.output<typeof viewResponse>;

export const listResponse = z
  .object({
    items: z.array(employeeSummarySchema),
    nextCursor: z.string().nullable().meta({ description: 'Pass as cursor for the next page; null on the last page' }),
  })
  .meta({ examples: [{ items: [summaryExample], nextCursor: null }] });
export type EmployeeSummary = z.output<typeof employeeSummarySchema>;
