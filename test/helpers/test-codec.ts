import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCodec, type OpenCodec } from '../../codec';
import { newMasterKeyEntry } from '../../codec/master-keys';
import { loadCodecConfig } from '../../codec/config';

/** The codec of a test file, and the environment that gives a child process (worker, API) the same keys and store. */
export interface TestCodec extends OpenCodec {
  env: { TENURE_DATA_DIR: string; TENURE_MASTER_KEYS: string };
}

let shared: Promise<TestCodec> | undefined;

/**
 * Encryption as deployed, for every client and worker of a test file: a random master key and a
 * SQLite store in the run's temp folder (removed by the global teardown). One per test file (Jest
 * gives each file its own modules), shared by its servers, workers and child processes.
 */
export function testCodec(): Promise<TestCodec> {
  shared ??= (async () => {
    const env = {
      TENURE_DATA_DIR: mkdtempSync(join(process.env.TENURE_TEST_DIR ?? tmpdir(), 'codec-')),
      TENURE_MASTER_KEYS: newMasterKeyEntry('test'),
    };
    const codec = await openCodec({ config: loadCodecConfig(env) });
    return { ...codec, env };
  })();
  return shared;
}
