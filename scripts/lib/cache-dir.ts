import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Tenure keeps what it downloads or builds for itself (Temporal binaries), outside the work
 * tree so that every clone, `npm start`, `npm test` and CI on the same machine share it.
 */
export function tenureCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TENURE_CACHE_DIR) return env.TENURE_CACHE_DIR;
  const xdg = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(xdg, 'tenure');
}
