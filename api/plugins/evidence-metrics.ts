import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Gauge } from 'prom-client';
import { durationMs } from '../../workflows/contract';
import { deprovisioningReport } from '../reports/deprovisioning';
import { overdueLeavers } from '../reports/overdue-leavers';

/** The window and SLA the gauge watches: the last 30 days, 24 hours (the common audit wording). */
const WINDOW_MS = 30 * 86_400_000;
const SLA = '24h';

/**
 * Gauges from the audit ledger, computed when Prometheus scrapes: the share of the last 30 days'
 * leavers deactivated within 24 hours of their leave instant (absent while there were none), and
 * the open findings of the latest directory reconciliation (absent before the first).
 */
export const evidenceMetrics = fp(
  async (app: FastifyInstance) => {
    new Gauge({
      name: 'tenure_leavers_within_sla_ratio',
      help: 'Share (0–1) of the leavers of the last 30 days deactivated within 24h of their leave instant',
      registers: [app.metrics.registry],
      async collect() {
        try {
          const to = new Date();
          const from = new Date(to.getTime() - WINDOW_MS);
          const report = await deprovisioningReport(
            app.store.ledger,
            { from, to, sla: SLA, slaMs: durationMs(SLA) },
            await overdueLeavers(app.lifecycle.temporal, { from, to }),
          );
          if (report.summary.shareWithinSla === null) this.reset();
          else this.set(report.summary.shareWithinSla);
        } catch (error) {
          // The store unreachable: the gauge keeps its last value; the log says why.
          app.log.warn({ err: error }, 'the ledger or Temporal could not be read for tenure_leavers_within_sla_ratio');
        }
      },
    });
    new Gauge({
      name: 'tenure_directory_drift_open',
      help: 'Findings of the latest directory reconciliation still open (orphans, missing, drift; not the leavers it deactivated again)',
      registers: [app.metrics.registry],
      async collect() {
        try {
          const run = await app.store.reconciliations.latest();
          if (run) this.set(run.summary.open);
          else this.reset();
        } catch (error) {
          app.log.warn({ err: error }, 'the reconciliation runs could not be read for tenure_directory_drift_open');
        }
      },
    });
  },
  { name: 'tenure-evidence-metrics', dependencies: ['tenure-metrics', 'tenure-temporal'] },
);
