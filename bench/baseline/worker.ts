/** The baseline's worker process: bare Temporal with the same worker settings as Tenure's worker. */
import { NativeConnection, Worker } from '@temporalio/worker';
import { createBaselineActivities } from './activities';

async function main(): Promise<void> {
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS ?? 'localhost:7233' });
  const worker = await Worker.create({
    connection,
    taskQueue: 'bench-baseline',
    workflowsPath: require.resolve('./workflows'),
    // The count of finished workflows goes to stdout, read by the benchmark.
    activities: createBaselineActivities((id) => process.stdout.write(`done ${id}\n`)),
    maxConcurrentActivityTaskExecutions: Number(process.env.WORKER_MAX_CONCURRENT_ACTIVITIES ?? 100),
    maxConcurrentWorkflowTaskExecutions: Number(process.env.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS ?? 40),
  });
  // The bench starts its clock once the worker is about to poll.
  process.stdout.write('ready\n');
  await worker.run();
  await connection.close();
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
