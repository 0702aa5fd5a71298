import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveTemporalBinary } from '../../scripts/lib/temporal-binaries';
import { writeWorkflowBundle } from '../../worker/workflow-bundle';

/**
 * Once per `npm test`: finds or installs the real Temporal binaries (the project's own scripts,
 * cached outside the work tree) and bundles the workflows once for every test file.
 * Environment variables set here reach the test workers.
 */
export default async function globalSetup(): Promise<void> {
  const log = (line: string) => process.stderr.write(`\n[temporal-binaries] ${line}`);
  const cli = await resolveTemporalBinary('cli', { log });
  const testServer = await resolveTemporalBinary('test-server', { log });
  process.env.TEMPORAL_CLI_PATH = cli.path;
  process.env.TEMPORAL_TEST_SERVER_PATH = testServer.path;

  const dir = await mkdtemp(join(tmpdir(), 'tenure-jest-'));
  // The bundle a deployment's workers run (the failure converter included), made once.
  const bundlePath = join(dir, 'workflow-bundle.js');
  await writeWorkflowBundle(bundlePath);
  process.env.TENURE_TEST_DIR = dir;
  process.env.TENURE_TEST_WORKFLOW_BUNDLE = bundlePath;
}
