import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, Gauge } from 'prom-client';
import { KeepAliveWatch } from '../../schedules/keep-alive-watch';

export interface KeepAliveAlertOptions {
  client: Client;
  /** how often to look at the keep-alive Schedule's runs; 0 turns the watch off */
  intervalMs: number;
  /** deadline of one look (its Temporal calls), so that an unreachable server never holds a close */
  timeoutMs: number;
}

/**
 * Alerts when a run of the daily keep-alive Schedule fails (Workplace switches off an integration
 * that makes no call for 60 days): an error log line per failed run, and metrics on `/metrics` —
 * `tenure_keep_alive_last_run_failed` (1 while the newest finished run failed),
 * `tenure_keep_alive_last_success_timestamp_seconds` and `tenure_keep_alive_failed_runs_total`.
 * Every replica watches; the gauges read the same everywhere.
 */
export const keepAliveAlerts = fp<KeepAliveAlertOptions>(
  async (app: FastifyInstance, { client, intervalMs, timeoutMs }) => {
    if (intervalMs <= 0) return;
    const registers = [app.metrics.registry];
    const failedRuns = new Counter({
      name: 'tenure_keep_alive_failed_runs_total',
      help: 'Keep-alive runs seen ending otherwise than completed (failed, timed out, terminated, cancelled)',
      registers,
    });
    const lastRunFailed = new Gauge({
      name: 'tenure_keep_alive_last_run_failed',
      help: '1 while the newest finished keep-alive run ended otherwise than completed',
      registers,
    });
    const lastSuccess = new Gauge({
      name: 'tenure_keep_alive_last_success_timestamp_seconds',
      help: 'When the newest completed keep-alive run ended (Unix seconds)',
      registers,
    });
    const watch = new KeepAliveWatch(client);
    let checking: Promise<void> | undefined;

    const check = async () => {
      try {
        const health = await client.connection.withDeadline(Date.now() + timeoutMs, () => watch.check());
        for (const run of health.newlyFailed) {
          failedRuns.inc();
          app.log.error(
            { workflowId: run.workflowId, runId: run.runId, status: run.status },
            'keep-alive run failed: Workplace switches off an integration idle for 60 days; check the directory token',
          );
        }
        lastRunFailed.set(health.lastRunFailed ? 1 : 0);
        if (health.lastSuccessAt) lastSuccess.set(health.lastSuccessAt.getTime() / 1000);
      } catch (err) {
        app.log.warn({ err }, 'could not look at the keep-alive runs');
      }
    };
    const tick = () => {
      checking ??= check().finally(() => (checking = undefined));
    };
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      tick();
      timer = setInterval(tick, intervalMs).unref();
    });
    app.addHook('onClose', async () => {
      clearInterval(timer);
      await checking;
    });
  },
  { name: 'tenure-keep-alive-alerts', dependencies: ['tenure-metrics'] },
);
