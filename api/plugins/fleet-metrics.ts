import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Gauge } from 'prom-client';
import { ATTENTION_REASONS } from '../../workflows/contract';
import { quote } from '../lifecycle/visibility-query';

/** How long one count of the fleet serves scrapes: scrapers poll often, counting costs Temporal a query each. */
const CACHE_MS = 15_000;

const LIFECYCLES = `WorkflowType = ${quote('employeeLifecycleWorkflow')}`;
const RUNNING = `${LIFECYCLES} AND ExecutionStatus = ${quote('Running')}`;

/**
 * Fleet-wide gauges from Temporal visibility, counted when Prometheus scrapes: employees that need
 * an operator (all, and those whose directory refused Tenure's credentials: a rotated token shows
 * up as a jump there), and lifecycle runs that failed (a defect: a workflow never fails on data).
 */
export const fleetMetrics = fp(
  async (app: FastifyInstance) => {
    const { temporal } = app.lifecycle;
    const counts = new Map<string, { at: number; value: Promise<number> }>();
    const count = (query: string): Promise<number> => {
      const cached = counts.get(query);
      if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
      const value = temporal
        .call('count', (client) =>
          client.workflowService.countWorkflowExecutions({ namespace: temporal.namespace, query }),
        )
        .then((r) => Number(r.count ?? 0));
      counts.set(query, { at: Date.now(), value });
      value.catch(() => counts.delete(query));
      return value;
    };
    const gauge = (name: string, help: string, query: string) =>
      new Gauge({
        name,
        help,
        registers: [app.metrics.registry],
        async collect() {
          try {
            this.set(await count(query));
          } catch {
            // Temporal unreachable: the gauge keeps its last value; tenure_api_temporal_errors_total counts the failure.
          }
        },
      });
    gauge(
      'tenure_employees_needing_attention',
      'Running employee lifecycles that wait for an operator (NeedsAttention)',
      `${RUNNING} AND NeedsAttention = true`,
    );
    gauge(
      'tenure_employees_directory_unauthorized',
      'Running employee lifecycles flagged because the directory refused Tenure’s credentials (fleet-wide alert)',
      `${RUNNING} AND NeedsAttentionReason = ${quote(ATTENTION_REASONS.directoryUnauthorized)}`,
    );
    gauge(
      'tenure_employees_directory_mismatch',
      'Running employee lifecycles whose account, read back after a deactivation or deletion, was not so',
      `${RUNNING} AND NeedsAttentionReason = ${quote(ATTENTION_REASONS.directoryMismatch)}`,
    );
    gauge(
      'tenure_lifecycle_runs_failed',
      'Employee lifecycle runs that ended failed or timed out (a defect; each is listed by needsAttention=true)',
      `${LIFECYCLES} AND (ExecutionStatus = ${quote('Failed')} OR ExecutionStatus = ${quote('TimedOut')})`,
    );
  },
  { name: 'tenure-fleet-metrics', dependencies: ['tenure-metrics', 'tenure-temporal'] },
);
