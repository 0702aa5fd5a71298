import { startDevServer, type DevServerProcess } from '../../scripts/lib/stack/dev-server';

export type { DevServerProcess } from '../../scripts/lib/stack/dev-server';

/**
 * The stack harness's dev server with Tenure's search attributes, persisted in a SQLite file in
 * `dir`, from the CLI Jest's global setup installed (TEMPORAL_CLI_PATH).
 */
export function startDevServerProcess(dir: string, { readyTimeoutMs = 60_000 } = {}): Promise<DevServerProcess> {
  return startDevServer({ dir, readyTimeoutMs });
}
