import { z } from 'zod';
import { parseDuration } from '../../workflows/contract';
import { bound } from './list';

const DAY = 86_400_000;
/** The longest window a report covers: a year and a bit, an audit period with its margins. */
const MAX_WINDOW_DAYS = 400;

const window = {
  from: bound(
    'Start of the window (inclusive; a date is 00:00 UTC); default: 30 days before `to`',
    '2026-11-01',
  ).optional(),
  to: bound('End of the window (exclusive); default: now', '2026-12-01').optional(),
};

/** The window with its defaults (`to` now, `from` 30 days before `to`). */
function withDefaults<T extends { from?: Date | undefined; to?: Date | undefined }>(value: T) {
  const to = value.to ?? new Date();
  return { ...value, from: value.from ?? new Date(to.getTime() - 30 * DAY), to };
}

/** `from` before `to`, at most MAX_WINDOW_DAYS apart. */
function checkWindow(value: { from: Date; to: Date }, ctx: z.RefinementCtx): void {
  if (value.from >= value.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from (default: now)' });
  } else if (value.to.getTime() - value.from.getTime() > MAX_WINDOW_DAYS * DAY) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `must be at most ${MAX_WINDOW_DAYS} days after from` });
  }
}

const sla = z
  .string()
  .refine((v) => {
    const ms = parseDuration(v);
    return ms !== undefined && ms > 0 && ms <= 90 * DAY;
  }, 'must be a positive duration of at most 90 days, like 24h, 4 hours or 2d')
  .default('24h')
  .meta({ description: 'The deadline a deactivation must meet after the leave instant (default 24h)', example: '24h' });

/** `GET /v1/reports/onboarding` query. */
export const onboardingQuerySchema = z.strictObject(window).transform(withDefaults).superRefine(checkWindow);

/** `GET /v1/reports/deprovisioning` query. */
export const deprovisioningQuerySchema = z
  .strictObject({ ...window, sla })
  .transform(withDefaults)
  .superRefine(checkWindow);

const lagStats = z.object({ p50: z.number().nullable(), p95: z.number().nullable(), max: z.number().nullable() });
const instant = z.string().meta({ example: '2026-11-20T17:00:00.000Z' });

/** The deprovisioning report as JSON. */
const deprovisioningReportSchema = z
  .object({
    from: instant,
    to: instant,
    sla: z.string(),
    summary: z.object({
      count: z.number().int(),
      withinSla: z.number().int(),
      shareWithinSla: z
        .number()
        .nullable()
        .meta({ description: 'Fraction 0–1 of the leavers deactivated or overdue past the SLA; null without any' }),
      lagSeconds: lagStats,
      overdue: z.number().int().meta({ description: 'Leavers whose leave instant passed, not deactivated yet' }),
    }),
    leavers: z.array(
      z.object({
        employeeId: z.string(),
        department: z.string().nullable(),
        leaveAt: instant.nullable().meta({ description: "HR's effective leave instant" }),
        deactivatedAt: instant,
        lagSeconds: z.number().nullable(),
        withinSla: z.boolean().nullable(),
        requestedBy: z.string().meta({ example: 'hr:workday-feed' }),
        requestedAt: instant.nullable(),
        outcome: z.string().meta({ example: 'deactivated' }),
        readBack: z.string().nullable().meta({ example: 'confirmed:inactive' }),
      }),
    ),
    overdue: z.array(
      z.object({
        employeeId: z.string(),
        department: z.string().nullable(),
        leaveAt: instant,
        stage: z.string(),
        overdueSeconds: z.number(),
        needsAttention: z.boolean(),
        needsAttentionReason: z.string().nullable(),
      }),
    ),
    overdueTruncated: z.boolean(),
  })
  .meta({
    examples: [
      {
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-12-01T00:00:00.000Z',
        sla: '24h',
        summary: { count: 1, withinSla: 1, shareWithinSla: 1, lagSeconds: { p50: 2, p95: 2, max: 2 }, overdue: 0 },
        leavers: [
          {
            employeeId: 'E1001',
            department: 'Finance',
            leaveAt: '2026-11-20T17:00:00.000Z',
            deactivatedAt: '2026-11-20T17:00:02.000Z',
            lagSeconds: 2,
            withinSla: true,
            requestedBy: 'hr:workday-feed',
            requestedAt: '2026-11-18T09:12:00.000Z',
            outcome: 'deactivated',
            readBack: 'confirmed:inactive',
          },
        ],
        overdue: [],
        overdueTruncated: false,
      },
    ],
  });

/** The onboarding report as JSON. */
const onboardingReportSchema = z
  .object({
    from: instant,
    to: instant,
    summary: z.object({
      count: z.number().int(),
      provisionedBeforeStart: z.number().int(),
      shareProvisionedBeforeStart: z.number().nullable(),
      invited: z.number().int(),
      claimed: z.number().int(),
      timeToClaimSeconds: lagStats,
    }),
    joiners: z.array(
      z.object({
        employeeId: z.string(),
        department: z.string().nullable(),
        startsAt: instant.nullable(),
        provisionedAt: instant,
        provisionedBeforeStart: z.boolean().nullable(),
        invitedAt: instant.nullable(),
        claimedAt: instant.nullable(),
        timeToClaimSeconds: z.number().nullable(),
      }),
    ),
  })
  .meta({
    examples: [
      {
        from: '2026-11-01T00:00:00.000Z',
        to: '2026-12-01T00:00:00.000Z',
        summary: {
          count: 1,
          provisionedBeforeStart: 1,
          shareProvisionedBeforeStart: 1,
          invited: 1,
          claimed: 1,
          timeToClaimSeconds: { p50: 3600, p95: 3600, max: 3600 },
        },
        joiners: [
          {
            employeeId: 'E1002',
            department: 'Research',
            startsAt: '2026-11-16T08:00:00.000Z',
            provisionedAt: '2026-11-09T10:00:00.000Z',
            provisionedBeforeStart: true,
            invitedAt: '2026-11-16T09:00:00.000Z',
            claimedAt: '2026-11-16T10:00:00.000Z',
            timeToClaimSeconds: 3600,
          },
        ],
      },
    ],
  });

const csvText = z.string().meta({ description: 'The rows as CSV (Accept: text/csv)' });
const examplesOf = (schema: z.ZodType) => (z.globalRegistry.get(schema)?.examples ?? []) as unknown[];

/** The deprovisioning report: JSON, or its leavers as CSV. */
export const deprovisioningAnswerSchema = z.union([deprovisioningReportSchema, csvText]).meta({
  examples: [
    ...examplesOf(deprovisioningReportSchema),
    'employeeId,department,leaveAt,deactivatedAt,lagSeconds,withinSla,requestedBy,requestedAt,outcome,readBack\r\n' +
      'E1001,Finance,2026-11-20T17:00:00.000Z,2026-11-20T17:00:02.000Z,2,true,hr:workday-feed,2026-11-18T09:12:00.000Z,deactivated,confirmed:inactive\r\n',
  ],
});

/** The onboarding report: JSON, or its joiners as CSV. */
export const onboardingAnswerSchema = z.union([onboardingReportSchema, csvText]).meta({
  examples: [
    ...examplesOf(onboardingReportSchema),
    'employeeId,department,startsAt,provisionedAt,provisionedBeforeStart,invitedAt,claimedAt,timeToClaimSeconds\r\n' +
      'E1002,Research,2026-11-16T08:00:00.000Z,2026-11-09T10:00:00.000Z,true,2026-11-16T09:00:00.000Z,2026-11-16T10:00:00.000Z,3600\r\n',
  ],
});
