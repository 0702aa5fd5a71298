import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A key-encryption key: wraps data keys, never touches a payload. */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** The configured master keys: the first wraps new keys and is the target of rotation; the others only unwrap. */
export interface MasterKeys {
  current: MasterKey;
  byId: ReadonlyMap<string, MasterKey>;
}

const ID = /^[A-Za-z0-9._-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Parses `TENURE_MASTER_KEYS`: comma-separated `id:base64` entries of 32-byte keys, the current one
 * first. Answers the keys, or one problem per bad entry (never echoing key material).
 */
export function parseMasterKeys(value: string): { keys: MasterKeys } | { problems: string[] } {
  const problems: string[] = [];
  const keys: MasterKey[] = [];
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) problems.push('no key entries');
  entries.forEach((entry, index) => {
    const where = `entry ${index + 1}`;
    const colon = entry.indexOf(':');
    const id = colon > 0 ? entry.slice(0, colon) : '';
    const material = colon > 0 ? entry.slice(colon + 1) : '';
    if (!ID.test(id)) return problems.push(`${where}: expected <id>:<base64>, the id 1–32 of A-Z a-z 0-9 . _ -`);
    const key = BASE64.test(material) ? Buffer.from(material, 'base64') : Buffer.alloc(0);
    if (key.length !== 32)
      return problems.push(`${where} (${id}): the key must be 32 bytes in base64 (openssl rand -base64 32)`);
    if (keys.some((k) => k.id === id)) return problems.push(`${where} (${id}): the id is given twice`);
    keys.push({ id, key });
  });
  const [current] = keys;
  if (problems.length > 0 || !current) return { problems };
  return { keys: { current, byId: new Map(keys.map((k) => [k.id, k])) } };
}

/** A new `id:base64` entry for `TENURE_MASTER_KEYS`. */
export function newMasterKeyEntry(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/**
 * The development master key of a data folder, made on first use (`<dir>/master-key.dev`, readable
 * by its owner only). Processes starting at once agree on one key: the file appears whole, by a
 * hard link of a finished temp file, or not at all.
 */
export function developmentMasterKeyEntry(dataDir: string): string {
  const file = join(dataDir, 'master-key.dev');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, `${newMasterKeyEntry('dev')}\n`, { mode: 0o600 });
    try {
      linkSync(temp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(temp, { force: true });
    }
  }
  return readFileSync(file, 'utf8').trim();
}
