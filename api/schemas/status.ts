import { DEFAULT_LIFECYCLE_POLICY } from '../../workflows/lifecycle/policy';
import { z } from 'zod';
import { STAGES, TIMELINE_EVENTS, type EmployeeStatus, type LifecycleAction } from '../../workflows/definitions';
import { employeeRecordExample } from './employee';

/**
 * The employee's status as the workflow's status query answers it. Output schemas strip unknown
 * keys rather than fail: a newer worker may add fields before the API knows them.
 */

const LIFECYCLE_ACTIONS = [
  'provision',
  'resolve-dates',
  'sync-profile',
  'invite',
  'check-claim',
  'leave-notice',
  'deactivate',
  'reactivate',
  'expire-retention',
  'confirm-deletion',
] as const satisfies readonly LifecycleAction[];

export const stageSchema = z.enum(STAGES).meta({ example: 'Invited' });

const recordSchema = z.object({
  employeeId: z.string(),
  email: z.string(),
  givenName: z.string(),
  familyName: z.string(),
  displayName: z.string().optional(),
  title: z.string().optional(),
  department: z.string().optional(),
  costCenter: z.string().optional(),
  managerEmployeeId: z.string().optional(),
  locale: z.string().optional(),
  timeZone: z.string(),
  startDate: z.string(),
  leaveDate: z.string().optional(),
  leaveAt: z.string().optional(),
  authMethod: z.enum(['sso', 'password']).optional(),
});

const deletionConfirmationSchema = z.object({ confirmedBy: z.string().optional(), note: z.string().optional() });

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
  leave: { date: '2027-02-26', at: '2027-02-27T00:00:00.000Z', reason: 'leave-date' },
  withdrawn: false,
  needsAttention: false,
  pending: { profileSync: false, managerChanged: false, rehire: false },
  timeline: [
    { at: '2026-01-15T10:00:00.000Z', event: 'leave-scheduled', detail: 'end of 2027-02-26' },
    { at: '2026-01-15T10:00:01.000Z', event: 'provisioned' },
    { at: '2026-03-02T09:00:01.000Z', event: 'invited' },
  ],
  timelineDropped: 0,
  schedule: [
    { action: 'check-claim', at: '2026-03-05T09:00:01.000Z' },
    { action: 'deactivate', at: '2027-02-27T00:00:00.000Z' },
  ],
} satisfies EmployeeStatus;

/** `EmployeeStatus` of the contract. */
export const employeeStatusSchema = z
  .object({
    employeeId: z.string(),
    employee: recordSchema,
    policy: z.object({
      inviteOffset: z.string(),
      reminderInterval: z.string(),
      escalateAfter: z.number(),
      maxReminders: z.number(),
      leaveNotice: z.string(),
      retention: z.string(),
    }),
    stage: stageSchema,
    cycle: z.number(),
    workplaceUserId: z.string().optional(),
    manager: z
      .object({
        employeeId: z.string(),
        workplaceUserId: z.string().optional(),
        email: z.string().optional(),
        displayName: z.string().optional(),
      })
      .optional(),
    startsAt: z.string().optional(),
    inviteAt: z.string().optional(),
    invitedAt: z.string().optional(),
    claimedAt: z.string().optional(),
    claimLink: z.string().optional(),
    remindersSent: z.number(),
    managerEscalatedAt: z.string().optional(),
    nextClaimCheckAt: z.string().optional(),
    leave: z
      .object({
        at: z.string().optional(),
        date: z.string().optional(),
        reason: z.enum(['leave-date', 'early-leave', 'offer-withdrawn']),
        noticeSentAt: z.string().optional(),
        noticeSkipped: z.string().optional(),
      })
      .optional(),
    deactivatedAt: z.string().optional(),
    deleteAfter: z.string().optional(),
    scrubbedAt: z.string().optional(),
    manualDeletionRequestedAt: z.string().optional(),
    deletedAt: z.string().optional(),
    withdrawn: z.boolean(),
    legalHold: z.object({ reason: z.string(), placedAt: z.string() }).optional(),
    needsAttention: z.boolean(),
    lastError: z
      .object({ at: z.string(), action: z.enum(LIFECYCLE_ACTIONS), type: z.string(), message: z.string() })
      .optional(),
    pending: z.object({
      profileSync: z.boolean(),
      profileFields: z.array(z.string()).optional(),
      managerChanged: z.boolean(),
      rehire: z.boolean(),
      deletionConfirmed: deletionConfirmationSchema.optional(),
    }),
    timeline: z.array(z.object({ at: z.string(), event: z.enum(TIMELINE_EVENTS), detail: z.string().optional() })),
    timelineDropped: z.number(),
    schedule: z.array(
      z.object({
        action: z.enum(LIFECYCLE_ACTIONS),
        at: z.string().optional(),
        blockedBy: z.enum(['legal-hold', 'needs-attention', 'operator-confirmation']).optional(),
      }),
    ),
  })
  .meta({ description: "The employee's status: stage, account, schedule, timeline, last error" });

// Compile-time proof that the schema and the contract's type describe the same object.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _statusMatchesContract: Same<z.output<typeof employeeStatusSchema>, EmployeeStatus> = true;
void _statusMatchesContract;

/** Which Temporal execution answered, and how. */
export const runSchema = z.object({
  workflowId: z.string().meta({ example: 'employee-E1001' }),
  runId: z.string().meta({ example: '0195f3c2-7b1e-7c59-9a57-1d1c2b3a4f5e' }),
  executionStatus: z
    .enum(['RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'CONTINUED_AS_NEW', 'TIMED_OUT', 'UNKNOWN'])
    .meta({ example: 'RUNNING' }),
  source: z.enum(['query', 'result', 'visibility', 'start']).meta({
    description:
      'query: live status; result: final status of a completed run; visibility: a summary; start: the run was just started by this request',
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
    employee: recordSchema,
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

/** A summary answered instead of the status when no worker could answer for a closed run. */
export const degradedViewSchema = employeeSummarySchema.extend({
  degraded: z.literal(true),
  note: z.string(),
});

/** Responses that carry one employee's status. */
export const statusResponse = employeeStatusSchema.meta({
  description: 'The status after the request was accepted',
  examples: [statusExample],
});

export const viewResponse = z.union([employeeViewSchema, degradedViewSchema]).meta({
  description:
    'The status; for a closed run no worker answered, a summary from visibility with degraded: true and a note',
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
