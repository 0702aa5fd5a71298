import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { newMasterKeyEntry } from '../../../codec/master-keys';

/** The variables that give a process a Tenure store (SQLite in a folder) and a master key. */
// A type, not an interface: it must fit where a NodeJS.ProcessEnv is wanted.
export type CodecEnv = {
  TENURE_DATA_DIR: string;
  TENURE_MASTER_KEYS: string;
};

/** A fresh SQLite store in a new folder under `parent` and a random master key labelled `label`. */
export async function freshCodecEnv(parent: string, label: string): Promise<CodecEnv> {
  return {
    TENURE_DATA_DIR: await mkdtemp(join(parent, `${label}-codec-`)),
    TENURE_MASTER_KEYS: newMasterKeyEntry(label),
  };
}
