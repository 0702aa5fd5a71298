import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { portAnswers } from './free-port';

/**
 * A real PostgreSQL server in a folder of its own, for tests, benchmarks and the cluster: Debian's
 * server binaries (`initdb`, `postgres`), run as the `postgres` user when this process is root
 * (PostgreSQL refuses to run as root). Listens on 127.0.0.1 only, trust authentication: the folder
 * and the port are the whole security boundary, which is right for a throw-away server and wrong
 * for anything else.
 */

export interface PostgresOptions {
  /** the data folder; a new temp folder when absent (removed by `stop({ remove: true })`) */
  dataDir?: string;
  port: number;
  /** where the binaries are; found under /usr/lib/postgresql/<newest>/bin or on PATH when absent */
  binDir?: string;
  /** extra `-c name=value` settings */
  settings?: Record<string, string | number>;
  /** each log line of the server */
  log?: (line: string) => void;
}

export interface PostgresServer {
  port: number;
  dataDir: string;
  /** `postgres://postgres@127.0.0.1:<port>/<database>` */
  url(database?: string): string;
  /** Creates a database (no error when it exists). */
  createDatabase(name: string): Promise<void>;
  /** Stops the server (fast shutdown, or SIGKILL with `kill`); `remove` deletes its folder. */
  stop(options?: { kill?: boolean; remove?: boolean }): Promise<void>;
  /** Starts it again on the same folder and port. */
  start(): Promise<void>;
}

/** The folder of Debian's PostgreSQL server binaries (the newest major version), or undefined. */
export function findPostgresBinDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PG_BIN_DIR) return env.PG_BIN_DIR;
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'postgres')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin');
  }
  const onPath = spawnSync('sh', ['-c', 'command -v postgres'], { encoding: 'utf8' }).stdout.trim();
  return onPath ? onPath.replace(/\/postgres$/, '') : undefined;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** The postgres user's uid and gid, when this process is root and must run the server as them. */
function serverUser(): { uid: number; gid: number } | undefined {
  if (!isRoot()) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** Initialises (when new) and starts a PostgreSQL server; resolves once it accepts connections. */
export async function startPostgres(options: PostgresOptions): Promise<PostgresServer> {
  const binDir = options.binDir ?? findPostgresBinDir();
  if (!binDir) throw new Error('PostgreSQL server binaries not found (install postgresql, or set PG_BIN_DIR)');
  const log = options.log ?? (() => undefined);
  const ownsDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'tenure-pg-')));
  const pgdata = join(dataDir, 'pgdata');
  const sockets = join(dataDir, 'sockets');
  const user = serverUser();

  if (!existsSync(join(pgdata, 'PG_VERSION'))) {
    await mkdir(pgdata, { recursive: true });
    await mkdir(sockets, { recursive: true });
    if (user) {
      // The postgres user must reach its folders through the (root-owned) temp folder.
      await chmod(dataDir, 0o755);
      for (const dir of [dataDir, pgdata, sockets]) await chown(dir, user.uid, user.gid);
    }
    const init = spawnSync(
      join(binDir, 'initdb'),
      ['-D', pgdata, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
      { encoding: 'utf8', ...user },
    );
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr || init.stdout}`);
    await writeFile(
      join(dataDir, 'README'),
      'A throw-away PostgreSQL server started by Tenure (scripts/lib/postgres.ts).\n',
    );
  }

  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const launch = async () => {
    const settings = {
      listen_addresses: '127.0.0.1',
      port: options.port,
      unix_socket_directories: sockets,
      fsync: 'off',
      max_connections: 200,
      ...options.settings,
    };
    const args = ['-D', pgdata, ...Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
    const proc = spawn(join(binDir, 'postgres'), args, { stdio: ['ignore', 'pipe', 'pipe'], ...user });
    child = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    for (const stream of [proc.stdout, proc.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => chunk.split('\n').filter(Boolean).forEach(log));
    }
    const deadline = Date.now() + 30_000;
    while (!(await ready())) {
      if (proc.exitCode !== null) throw new Error(`postgres exited with code ${proc.exitCode} while starting`);
      if (Date.now() > deadline) throw new Error('postgres did not accept connections within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const start = async () => {
    if (await portAnswers(options.port)) throw new Error(`port ${options.port} is already in use`);
    // After a kill, the old server's children may hold its lock for a moment: try again briefly.
    for (let attempt = 1; ; attempt++) {
      try {
        return await launch();
      } catch (error) {
        if (attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };

  const psql = (database: string, sql: string) =>
    spawnSync(
      join(binDir, 'psql'),
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(options.port),
        '-U',
        'postgres',
        '-d',
        database,
        '-v',
        'ON_ERROR_STOP=1',
        '-qAtc',
        sql,
      ],
      { encoding: 'utf8' },
    );

  const ready = async () => {
    if (!(await portAnswers(options.port))) return false;
    return psql('postgres', 'select 1').status === 0;
  };

  await start();

  return {
    port: options.port,
    dataDir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${options.port}/${database}`,
    async createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
      const exists = psql('postgres', `select 1 from pg_database where datname = '${name}'`);
      if (exists.stdout.trim() === '1') return;
      const made = psql('postgres', `create database ${name}`);
      if (made.status !== 0) throw new Error(`create database ${name} failed: ${made.stderr}`);
    },
    async stop({ kill = false, remove = false } = {}) {
      const proc = child;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        // SIGINT is PostgreSQL's fast shutdown; SIGKILL a crash of the postmaster.
        proc.kill(kill ? 'SIGKILL' : 'SIGINT');
        await exited;
      }
      child = undefined;
      if (kill) {
        // A killed postmaster leaves its children behind for a moment; wait until the port is free.
        const deadline = Date.now() + 10_000;
        while ((await portAnswers(options.port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      }
      if (remove && ownsDir) await rm(dataDir, { recursive: true, force: true });
    },
    start,
  };
}
