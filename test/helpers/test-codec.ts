import { tmpdir } from 'node:os';
import { openCodec, type OpenCodec } from '../../codec';
import { loadCodecConfig } from '../../codec/config';
import { freshCodecEnv, type CodecEnv } from '../../scripts/lib/stack/codec-env';

/** The codec of a test file, and the environment that gives a child process (worker, API) the same keys and store. */
export interface TestCodec extends OpenCodec {
  env: CodecEnv;
}

let shared: Promise<TestCodec> | undefined;

/**
 * Encryption as deployed, for every client and worker of a test file: a random master key and a
 * SQLite store in the run's temp folder (removed by the global teardown). One per test file (Jest
 * gives each file its own modules), shared by its servers, workers and child processes.
 */
export function testCodec(): Promise<TestCodec> {
  shared ??= (async () => {
    const env = await freshCodecEnv(process.env.TENURE_TEST_DIR ?? tmpdir(), 'test');
    const codec = await openCodec({ config: loadCodecConfig(env) });
    return { ...codec, env };
  })();
  return shared;
}
