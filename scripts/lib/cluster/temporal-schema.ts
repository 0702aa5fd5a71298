import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type { PostgresServer } from '../postgres';
import type { TemporalServerBinaries } from '../temporal-server-binaries';

const ROOT = resolve(__dirname, '../../..');
/** The one schema script: docker-compose's schema container runs it too. */
export const SCHEMA_SCRIPT = join(ROOT, 'docker/temporal-schema.sh');

/**
 * Creates Temporal's two databases on `postgres` and brings their schema to the binaries' version,
 * by running docker-compose's own schema script with the built `temporal-sql-tool` and the
 * module's schema. Idempotent; rejects with the script's output when it fails.
 */
export function applyTemporalSchema(binaries: TemporalServerBinaries, postgres: PostgresServer): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('sh', [SCHEMA_SCRIPT], {
      env: {
        ...process.env,
        POSTGRES_SEEDS: '127.0.0.1',
        DB_PORT: String(postgres.port),
        POSTGRES_USER: 'postgres',
        POSTGRES_PWD: '',
        SQL_TOOL: binaries.sqlTool,
        SCHEMA_DIR: binaries.postgresSchemaDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-20_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolvePromise(output)
        : reject(new Error(`the Temporal schema script failed (exit ${code}):\n${output}`)),
    );
  });
}
