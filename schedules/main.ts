/** Creates Tenure's Schedules on the configured Temporal namespace, then exits (docker-compose's setup step). */
import { Client, Connection } from '@temporalio/client';
import { temporalConfig, temporalConnectionOptions } from '../config/temporal';
import { ensureKeepAliveSchedule } from './keep-alive';

async function main(): Promise<void> {
  const config = temporalConfig();
  const connection = await Connection.connect(temporalConnectionOptions(config));
  try {
    const outcome = await ensureKeepAliveSchedule(new Client({ connection, namespace: config.namespace }));
    process.stdout.write(`keep-alive schedule: ${outcome}\n`);
  } finally {
    await connection.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
