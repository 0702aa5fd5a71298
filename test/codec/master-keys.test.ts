import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCodecConfig } from '../../codec/config';
import { developmentMasterKeyEntry, newMasterKeyEntry, parseMasterKeys } from '../../codec/master-keys';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('TENURE_MASTER_KEYS', () => {
  it('makes the first entry the current key and keeps the others for unwrapping', () => {
    const parsed = parseMasterKeys(`k2:${KEY}, k1:${Buffer.alloc(32, 1).toString('base64')}`);
    if (!('keys' in parsed)) throw new Error(parsed.problems.join('; '));
    expect(parsed.keys.current.id).toBe('k2');
    expect([...parsed.keys.byId.keys()]).toEqual(['k2', 'k1']);
  });

  it('names each bad entry without echoing key material', () => {
    const short = Buffer.alloc(16, 3).toString('base64');
    const parsed = parseMasterKeys(`k1:${short},no-colon,k1:${KEY},k1:${KEY}`);
    expect(parsed).toEqual({
      problems: [
        'entry 1 (k1): the key must be 32 bytes in base64 (openssl rand -base64 32)',
        'entry 2: expected <id>:<base64>, the id 1–32 of A-Z a-z 0-9 . _ -',
        'entry 4 (k1): the id is given twice',
      ],
    });
    expect(JSON.stringify(parsed)).not.toContain(short);
  });

  it('is required in production, and its value never appears in the error', () => {
    expect(() => loadCodecConfig({ NODE_ENV: 'production' })).toThrow(/TENURE_MASTER_KEYS: required in production/);
    expect(() => loadCodecConfig({ NODE_ENV: 'production', TENURE_MASTER_KEYS: 'k1:c2VjcmV0' })).toThrow(
      /TENURE_MASTER_KEYS="<redacted>": entry 1 \(k1\): the key must be 32 bytes/,
    );
  });

  it('outside production defaults to a development key made once in the data folder and kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tenure-dev-key-'));
    try {
      const first = loadCodecConfig({ TENURE_DATA_DIR: dir });
      const second = loadCodecConfig({ TENURE_DATA_DIR: dir });
      expect(first.developmentKeyFile).toBe(`${dir}/master-key.dev`);
      expect(first.masterKeys.current.id).toBe('dev');
      expect(second.masterKeys.current.key.equals(first.masterKeys.current.key)).toBe(true);
      expect((await stat(join(dir, 'master-key.dev'))).mode & 0o777).toBe(0o600);
      expect(developmentMasterKeyEntry(dir)).toBe((await readFile(join(dir, 'master-key.dev'), 'utf8')).trim());
      expect(
        loadCodecConfig({ TENURE_DATA_DIR: dir, TENURE_MASTER_KEYS: newMasterKeyEntry('k9') }).developmentKeyFile,
      ).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
