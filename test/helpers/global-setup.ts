import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../codec/data-converter';
import { resolveTemporalBinary } from '../../scripts/lib/temporal-binaries';

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
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    // Failure messages encoded (then encrypted by the codec), as in the worker's own bundle.
    failureConverterPath: FAILURE_CONVERTER_PATH,
    logger: new DefaultLogger('WARN'),
  });
  const bundlePath = join(dir, 'workflow-bundle.js');
  await writeFile(bundlePath, code);
  process.env.TENURE_TEST_DIR = dir;
  process.env.TENURE_TEST_WORKFLOW_BUNDLE = bundlePath;
}
