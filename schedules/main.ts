/** Creates Tenure's Schedules on the configured Temporal namespace, then exits (docker-compose's setup step). */
import { Client, Connection } from '@temporalio/client';
import { openCodec } from '../codec';
import { temporalConfig, temporalConnectionOptions } from '../config/temporal';
import { ensureKeepAliveSchedule } from './keep-alive';
import { ensureReconcileSchedule, loadReconcileCron } from './reconcile';

async function main(): Promise<void> {
  const config = temporalConfig();
  const codec = await openCodec();
  const connection = await Connection.connect(temporalConnectionOptions(config));
  try {
    // The Schedule's action (its summary, any arguments) is encrypted like every payload.
    const client = new Client({ connection, namespace: config.namespace, dataConverter: codec.dataConverter });
    const outcome = await ensureKeepAliveSchedule(client);
    process.stdout.write(`keep-alive schedule: ${outcome}\n`);
    process.stdout.write(`reconciliation schedule: ${await ensureReconcileSchedule(client, loadReconcileCron())}\n`);
  } finally {
    await connection.close();
    await codec.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
