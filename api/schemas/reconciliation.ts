import { z } from 'zod';

const finding = z.object({
  class: z.enum(['orphan', 're-enabled-leaver', 'missing', 'attribute-drift']),
  userId: z.string().optional().meta({ description: "The directory's id of the account" }),
  employeeId: z.string().optional(),
  action: z.enum(['deactivated', 'resynced', 'reported', 'protected']).meta({
    description:
      'deactivated: a re-enabled leaver turned off again; resynced: the lifecycle writes its profile again; ' +
      'protected: on RECONCILE_PROTECTED, never touched',
  }),
  detail: z.string(),
});

/** The latest reconciliation run, as `GET /v1/reports/reconciliation` answers it. */
export const reconciliationRunSchema = z
  .object({
    id: z.string(),
    startedAt: z.string(),
    finishedAt: z.string(),
    summary: z.object({
      accounts: z.number().int(),
      pages: z.number().int(),
      orphan: z.number().int(),
      reEnabledLeaver: z.number().int(),
      missing: z.number().int(),
      attributeDrift: z.number().int(),
      fixed: z.number().int(),
      open: z.number().int(),
    }),
    findings: z.array(finding),
  })
  .meta({
    examples: [
      {
        id: 'tenure-directory-reconcile-2026-11-30T03:00:00Z/6d1f…',
        startedAt: '2026-11-30T03:00:00.120Z',
        finishedAt: '2026-11-30T03:00:41.902Z',
        summary: {
          accounts: 4210,
          pages: 43,
          orphan: 1,
          reEnabledLeaver: 1,
          missing: 0,
          attributeDrift: 0,
          fixed: 1,
          open: 1,
        },
        findings: [
          {
            class: 're-enabled-leaver',
            userId: '100412',
            employeeId: 'E1001',
            action: 'deactivated',
            detail: 'Tenure deactivated it; it is active again',
          },
          { class: 'orphan', userId: '100977', action: 'reported', detail: 'it has no externalId' },
        ],
      },
    ],
  });
