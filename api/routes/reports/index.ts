import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { durationMs } from '../../../workflows/contract';
import { toCsv } from '../../reports/csv';
import { deprovisioningReport, type LeaverRow } from '../../reports/deprovisioning';
import { onboardingReport, type JoinerRow } from '../../reports/onboarding';
import { overdueLeavers } from '../../reports/overdue-leavers';
import { reconciliationReportRoute } from './reconciliation';
import { errorResponses } from '../../schemas/errors';
import {
  deprovisioningAnswerSchema,
  deprovisioningQuerySchema,
  onboardingAnswerSchema,
  onboardingQuerySchema,
} from '../../schemas/reports';

const docs = { tags: ['evidence'], security: [{ bearerAuth: [] }], produces: ['application/json', 'text/csv'] };

const LEAVER_COLUMNS: (keyof LeaverRow)[] = [
  'employeeId',
  'department',
  'leaveAt',
  'deactivatedAt',
  'lagSeconds',
  'withinSla',
  'requestedBy',
  'requestedAt',
  'outcome',
  'readBack',
];
const JOINER_COLUMNS: (keyof JoinerRow)[] = [
  'employeeId',
  'department',
  'startsAt',
  'provisionedAt',
  'provisionedBeforeStart',
  'invitedAt',
  'claimedAt',
  'timeToClaimSeconds',
];

/** True when the caller asked for CSV (an auditor's spreadsheet) rather than JSON. */
function wantsCsv(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept.split('text/csv')[0] ?? '');
}

function sendCsv(reply: FastifyReply, name: string, csv: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.csv"`)
    .send(csv);
}

/**
 * `GET /v1/reports/deprovisioning` and `/v1/reports/onboarding`: the evidence auditors sample, from
 * the audit ledger (it outlives Temporal's retention and the employees' data keys), as JSON or CSV.
 */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(reconciliationReportRoute);
  app.get(
    '/reports/deprovisioning',
    {
      config: { roles: ['operator', 'hr'], timeoutMs: 60_000 },
      schema: {
        ...docs,
        summary: 'Deprovisioning timeliness',
        description:
          'Every leaver whose leave was due in the window: HR’s leave instant, the deactivation, the lag, whether it ' +
          'met the SLA, who asked, and what the read-back showed; the leavers not deactivated yet (overdue, from ' +
          'Temporal: past the SLA they count as late); the share within the SLA and p50/p95/max lag. ' +
          '`Accept: text/csv` answers the leavers as CSV.',
        querystring: deprovisioningQuerySchema,
        response: { 200: deprovisioningAnswerSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const { from, to, sla } = request.query;
      const report = await deprovisioningReport(
        app.store.ledger,
        { from, to, sla, slaMs: durationMs(sla) },
        await overdueLeavers(app.lifecycle.temporal, { from, to }),
      );
      if (wantsCsv(request)) {
        // The overdue ones too: the auditor's sample must not miss the leavers Tenure has not reached.
        const overdue = report.overdue.map((o): LeaverRow => ({
          employeeId: o.employeeId,
          department: o.department,
          leaveAt: o.leaveAt,
          deactivatedAt: '',
          lagSeconds: o.overdueSeconds,
          withinSla: o.overdueSeconds * 1000 <= durationMs(sla) ? null : false,
          requestedBy: '',
          requestedAt: null,
          outcome: `not deactivated (${o.stage}${o.needsAttentionReason ? `, ${o.needsAttentionReason}` : ''})`,
          readBack: null,
        }));
        return sendCsv(reply, 'deprovisioning', toCsv(LEAVER_COLUMNS, [...report.leavers, ...overdue]));
      }
      return report;
    },
  );

  app.get(
    '/reports/onboarding',
    {
      config: { roles: ['operator', 'hr'], timeoutMs: 60_000 },
      schema: {
        ...docs,
        summary: 'Onboarding timeliness',
        description:
          'Every joiner whose start fell in the window: provisioned before the start, invited, claimed, and the time ' +
          'from invite to claim. `Accept: text/csv` answers the joiners as CSV.',
        querystring: onboardingQuerySchema,
        response: { 200: onboardingAnswerSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const report = await onboardingReport(app.store.ledger, request.query);
      if (wantsCsv(request)) return sendCsv(reply, 'onboarding', toCsv(JOINER_COLUMNS, report.joiners));
      return report;
    },
  );
};
