import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { tenureCacheDir } from './cache-dir';
import { isExecutable } from './executable';

/**
 * The real Temporal server and its SQL schema tool, built from the Go module proxy: what the
 * cluster (a Temporal server on PostgreSQL, as deployed) runs. The version matches the
 * `temporalio/server` and `temporalio/admin-tools` images of docker-compose.yml.
 */
export const TEMPORAL_SERVER_VERSION = '1.32.1';
const MODULE = 'go.temporal.io/server';
const PACKAGES = { server: `${MODULE}/cmd/server`, sqlTool: `${MODULE}/cmd/tools/sql` } as const;

/** The executables and the schema of one Temporal server version. */
export interface TemporalServerBinaries {
  version: string;
  /** `temporal-server` */
  server: string;
  /** `temporal-sql-tool` */
  sqlTool: string;
  /** the module's `schema/postgresql/v12` (its `temporal/` and `visibility/` folders) */
  postgresSchemaDir: string;
  /** which route found each: an explicit path, Tenure's cache, or a build made just now */
  source: { server: BinarySource; sqlTool: BinarySource };
}

export type BinarySource = 'env' | 'cache' | 'go-build';

/** Go is needed for a build and is not there: the cluster cannot run on this machine. */
export class GoMissingError extends Error {}

/** Where the built binaries and the schema of `TEMPORAL_SERVER_VERSION` are kept. */
export function temporalServerCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(tenureCacheDir(env), 'bin', `temporal-server-${TEMPORAL_SERVER_VERSION}`);
}

/**
 * Go's module and build caches in Tenure's cache, never in the work tree; the toolchain is the
 * installed one (no toolchain download) and the module cache stays deletable (`-modcacherw`).
 */
export function goEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const cache = tenureCacheDir(env);
  return {
    ...env,
    GOMODCACHE: join(cache, 'go', 'mod'),
    GOCACHE: join(cache, 'go', 'build'),
    GOTOOLCHAIN: 'local',
    GOFLAGS: [env.GOFLAGS, '-modcacherw', '-buildvcs=false'].filter(Boolean).join(' '),
    // A static binary: no C toolchain needed, and the server does not need cgo for PostgreSQL.
    CGO_ENABLED: '0',
  };
}

/** The `go` command on PATH. */
export function findGo(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'go');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let downloads = 0;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stderr = (stderr + text).slice(-20_000);
      // `go: downloading …` lines, one per module (about 200 on a first build): counted instead.
      for (const line of text.split('\n')) {
        if (!line.startsWith('go: downloading')) {
          if (line) log(line);
        } else if (++downloads % 50 === 0) {
          log(`${downloads} modules downloaded`);
        }
      }
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(new Error(`${command} ${args.join(' ')} failed (exit ${code}):\n${stderr.slice(-4_000)}`)),
    );
  });
}

function requireGo(env: NodeJS.ProcessEnv, what: string): string {
  const go = findGo(env);
  if (!go) {
    throw new GoMissingError(
      `Go is not installed, and ${what} is built with it (Go ≥ 1.26.8). Install Go, or set ` +
        'TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH to binaries of Temporal ' +
        `${TEMPORAL_SERVER_VERSION} (their schema must be in ${temporalServerCacheDir(env)}/schema).`,
    );
  }
  return go;
}

/** Builds both binaries with `go install` into a fresh folder, then moves them into the cache. */
async function build(dir: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const go = requireGo(env, `the Temporal server ${TEMPORAL_SERVER_VERSION}`);
  await mkdir(dir, { recursive: true });
  // A build interrupted half-way leaves only its staging folder, never a half-written binary.
  const staging = await mkdtemp(join(dir, '.build-'));
  try {
    const started = Date.now();
    log(
      `building the Temporal server and temporal-sql-tool ${TEMPORAL_SERVER_VERSION} with ${go} ` +
        '(first time only; 6½–8½ minutes on 2 cores)',
    );
    await run(
      go,
      ['install', `${PACKAGES.server}@v${TEMPORAL_SERVER_VERSION}`, `${PACKAGES.sqlTool}@v${TEMPORAL_SERVER_VERSION}`],
      { ...goEnvironment(env), GOBIN: staging },
      log,
    );
    await rename(join(staging, 'server'), join(dir, 'temporal-server'));
    await rename(join(staging, 'sql'), join(dir, 'temporal-sql-tool'));
    log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** Copies the module's PostgreSQL schema (downloading the module when needed) into the cache. */
async function copySchema(target: string, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const go = requireGo(env, `the schema of Temporal ${TEMPORAL_SERVER_VERSION} (from its Go module)`);
  const json = await run(
    go,
    ['mod', 'download', '-json', `${MODULE}@v${TEMPORAL_SERVER_VERSION}`],
    goEnvironment(env),
    log,
  );
  const moduleDir = (JSON.parse(json) as { Dir?: string }).Dir;
  if (!moduleDir) throw new Error(`go mod download did not say where ${MODULE}@v${TEMPORAL_SERVER_VERSION} is`);
  const source = join(moduleDir, 'schema', 'postgresql', 'v12');
  const staging = `${target}.copy-${process.pid}`;
  await cp(source, staging, { recursive: true });
  await rm(target, { recursive: true, force: true });
  await rename(staging, target);
}

export interface ResolveServerOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/**
 * Finds or builds the Temporal server and `temporal-sql-tool`. Each binary: the path in
 * `TEMPORAL_SERVER_PATH` / `TEMPORAL_SQL_TOOL_PATH` → Tenure's cache → `go install` from the Go
 * module proxy (both at once). Nothing is taken from PATH: the schema applied must be the
 * server's own version. Throws `GoMissingError` when a build is needed and Go is not there.
 */
export async function resolveTemporalServerBinaries({
  env = process.env,
  log = (line) => process.stderr.write(`[temporal-server] ${line}\n`),
}: ResolveServerOptions = {}): Promise<TemporalServerBinaries> {
  const dir = temporalServerCacheDir(env);
  const explicit = async (variable: 'TEMPORAL_SERVER_PATH' | 'TEMPORAL_SQL_TOOL_PATH') => {
    const path = env[variable];
    if (!path) return undefined;
    // An explicit path that does not work is a configuration error, not a reason to build.
    if (!(await isExecutable(path))) throw new Error(`${variable}=${path} is not an executable file`);
    return path;
  };
  const server = await explicit('TEMPORAL_SERVER_PATH');
  const sqlTool = await explicit('TEMPORAL_SQL_TOOL_PATH');
  const cached = { server: join(dir, 'temporal-server'), sqlTool: join(dir, 'temporal-sql-tool') };
  const inCache = {
    server: await isExecutable(cached.server),
    sqlTool: await isExecutable(cached.sqlTool),
  };
  let built = false;
  if ((!server && !inCache.server) || (!sqlTool && !inCache.sqlTool)) {
    await build(dir, env, log);
    built = true;
  }
  const postgresSchemaDir = join(dir, 'schema', 'postgresql', 'v12');
  if (!existsSync(join(postgresSchemaDir, 'temporal', 'versioned'))) {
    await mkdir(join(dir, 'schema', 'postgresql'), { recursive: true });
    await copySchema(postgresSchemaDir, env, log);
  }
  const source = (explicitPath: string | undefined, wasCached: boolean): BinarySource =>
    explicitPath ? 'env' : wasCached || !built ? 'cache' : 'go-build';
  return {
    version: TEMPORAL_SERVER_VERSION,
    server: server ?? cached.server,
    sqlTool: sqlTool ?? cached.sqlTool,
    postgresSchemaDir,
    source: { server: source(server, inCache.server), sqlTool: source(sqlTool, inCache.sqlTool) },
  };
}
