import { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingEnvAt, withRetry } from '../../scripts/lib/stack/time-skipping-env';
import { SEARCH_ATTRIBUTES } from '../../workflows/contract';
import { testCodec } from './test-codec';

function binary(variable: 'TEMPORAL_CLI_PATH' | 'TEMPORAL_TEST_SERVER_PATH'): string {
  const path = process.env[variable];
  if (!path)
    throw new Error(`${variable} is not set: run the tests through Jest (its global setup installs the binaries)`);
  return path;
}

/**
 * A real time-skipping test server for this test file: timers of days and years pass in
 * milliseconds whenever the test waits on a workflow result or calls `env.sleep`. Tenure's search
 * attributes are registered (workflows upsert them), though this server cannot query them. Its
 * client encrypts, as Tenure's clients do (test-codec.ts).
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  const { dataConverter } = await testCodec();
  return createTimeSkippingEnvAt(binary('TEMPORAL_TEST_SERVER_PATH'), dataConverter);
}

/**
 * A real Temporal dev server (in memory) for this test file, with Tenure's search attributes
 * registered: for updates, visibility queries and everything that needs the full server. Its
 * client encrypts, as Tenure's clients do (test-codec.ts).
 */
export async function createDevServerEnv(): Promise<TestWorkflowEnvironment> {
  const { dataConverter } = await testCodec();
  return withRetry(() =>
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: { type: 'existing-path', path: binary('TEMPORAL_CLI_PATH') },
        searchAttributes: [...SEARCH_ATTRIBUTES],
        log: { format: 'pretty', level: 'error' },
      },
      client: { dataConverter },
    }),
  );
}
