import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  GoMissingError,
  goEnvironment,
  resolveTemporalServerBinaries,
  temporalServerCacheDir,
  TEMPORAL_SERVER_VERSION,
} from '../../scripts/lib/temporal-server-binaries';

/**
 * How the cluster finds the Temporal server and temporal-sql-tool. The build itself (`go install`
 * from the Go module proxy) runs in `npm run test:cluster`'s global setup.
 */

let dir: string;
const quiet = () => undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tenure-server-binaries-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function executable(path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, '#!/bin/sh\necho fake\n');
  await chmod(path, 0o755);
  return path;
}

/** A cache with the schema in place (what a first build leaves). */
async function cacheWithSchema(env: NodeJS.ProcessEnv): Promise<string> {
  const cache = temporalServerCacheDir(env);
  await mkdir(join(cache, 'schema', 'postgresql', 'v12', 'temporal', 'versioned'), { recursive: true });
  return cache;
}

describe('the Temporal server binaries', () => {
  it('runs the paths in TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH, with the schema of its version from the cache', async () => {
    const env = {
      TENURE_CACHE_DIR: join(dir, 'cache'),
      TEMPORAL_SERVER_PATH: await executable(join(dir, 'mine', 'temporal-server')),
      TEMPORAL_SQL_TOOL_PATH: await executable(join(dir, 'mine', 'temporal-sql-tool')),
      PATH: '',
    };
    const cache = await cacheWithSchema(env);

    const found = await resolveTemporalServerBinaries({ env, log: quiet });

    expect(found).toEqual({
      version: TEMPORAL_SERVER_VERSION,
      server: env.TEMPORAL_SERVER_PATH,
      sqlTool: env.TEMPORAL_SQL_TOOL_PATH,
      postgresSchemaDir: join(cache, 'schema', 'postgresql', 'v12'),
      source: { server: 'env', sqlTool: 'env' },
    });
    expect(cache).toBe(join(dir, 'cache', 'bin', `temporal-server-${TEMPORAL_SERVER_VERSION}`));
  });

  it('refuses an explicit path that is not an executable file instead of building', async () => {
    const env = { TENURE_CACHE_DIR: join(dir, 'cache'), TEMPORAL_SQL_TOOL_PATH: join(dir, 'missing'), PATH: '' };
    await expect(resolveTemporalServerBinaries({ env, log: quiet })).rejects.toThrow(
      `TEMPORAL_SQL_TOOL_PATH=${join(dir, 'missing')} is not an executable file`,
    );
  });

  it('takes what an earlier build left in the cache', async () => {
    const env = { TENURE_CACHE_DIR: join(dir, 'cache'), PATH: '' };
    const cache = await cacheWithSchema(env);
    await executable(join(cache, 'temporal-server'));
    await executable(join(cache, 'temporal-sql-tool'));

    const found = await resolveTemporalServerBinaries({ env, log: quiet });

    expect(found).toMatchObject({
      server: join(cache, 'temporal-server'),
      sqlTool: join(cache, 'temporal-sql-tool'),
      source: { server: 'cache', sqlTool: 'cache' },
    });
  });

  it('says that Go is missing, and how to do without it, when it must build and Go is not on PATH', async () => {
    const env = { TENURE_CACHE_DIR: join(dir, 'cache'), PATH: join(dir, 'empty') };
    const failure = resolveTemporalServerBinaries({ env, log: quiet });
    await expect(failure).rejects.toBeInstanceOf(GoMissingError);
    await expect(failure).rejects.toThrow(/Go is not installed.*TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH/s);
  });

  it("keeps Go's module and build caches in Tenure's cache, with the installed toolchain", () => {
    const env = goEnvironment({ TENURE_CACHE_DIR: '/cache', GOFLAGS: '-mod=mod' });
    expect(env).toMatchObject({
      GOMODCACHE: '/cache/go/mod',
      GOCACHE: '/cache/go/build',
      GOTOOLCHAIN: 'local',
      GOFLAGS: '-mod=mod -modcacherw -buildvcs=false',
      CGO_ENABLED: '0',
    });
  });
});
