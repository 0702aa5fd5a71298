import type { DataKeyRecord } from '../store';
import type { DataKeyTable } from '../store/data-keys';
import { newKey, open, seal } from './aes-gcm';
import { keyIdOf } from './key-owner';
import type { MasterKey, MasterKeys } from './master-keys';

/** What decoding a key id finds: the key, the fact that it was erased, or nothing Tenure knows. */
export type DecodingKey = { state: 'live'; key: Buffer } | { state: 'erased'; erasedAt: string } | { state: 'unknown' };

/** How a rotation went: keys re-wrapped under the current master key, and those every master key now wraps. */
export interface RotationReport {
  masterKeyId: string;
  rewrapped: number;
  byMasterKey: Record<string, number>;
}

const CACHE_LIMIT = 10_000;

// Binds a wrapped key to its row: a wrapped key copied onto another owner's row does not open.
const wrapAad = (keyId: string) => `tenure data key ${keyId}`;

/**
 * The data keys of the store, wrapped by the master keys. Every call reads the key's row, so that
 * an erasure or a new employment made by another process counts at once; only the unwrapping is
 * cached (by row content, so a re-wrap or an erasure never serves a stale key).
 */
export class DataKeyRing {
  private readonly unwrapped = new Map<string, { wrappedKey: Buffer; key: Buffer }>();

  constructor(
    private readonly table: DataKeyTable,
    private readonly masterKeys: MasterKeys,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * The key that encrypts an owner's new payloads: the newest one, unless it is erased (or its
   * erasure is due), in which case a new version begins — a rehired employee's new employment.
   * A key whose erasure is asked for but not yet due (PRIVACY_KEY_GRACE) still encrypts: what the
   * ending employment writes in its last moments is erased with it.
   */
  async encodingKey(owner: string): Promise<{ keyId: string; key: Buffer }> {
    for (let attempt = 1; ; attempt++) {
      const now = this.now().toISOString();
      const newest = await this.table.newest(owner);
      if (newest && isLive(newest, now)) return { keyId: keyIdOf(owner, newest.version), key: this.unwrap(newest) };
      if (newest && !newest.erasedAt) await this.table.eraseDue(now);
      const version = (newest?.version ?? 0) + 1;
      const key = newKey();
      const master = this.masterKeys.current;
      const inserted = await this.table.insert({
        owner,
        version,
        wrappedKey: seal(master.key, key, wrapAad(keyIdOf(owner, version))),
        masterKeyId: master.id,
        createdAt: now,
      });
      if (inserted) return { keyId: keyIdOf(owner, version), key };
      // Another process made this version first: use theirs.
      if (attempt >= 5) throw new Error(`could not create data key ${keyIdOf(owner, version)}`);
    }
  }

  /** The key of an owner's version, for decoding. An erasure that fell due is carried out here and then. */
  async decodingKey(owner: string, version: number): Promise<DecodingKey> {
    const record = await this.table.get(owner, version);
    if (!record) return { state: 'unknown' };
    // Another process erased it: drop this process's unwrapped copy too.
    if (record.erasedAt) {
      this.unwrapped.delete(keyIdOf(owner, version));
      return { state: 'erased', erasedAt: record.erasedAt };
    }
    const now = this.now().toISOString();
    if (!isLive(record, now)) {
      await this.table.eraseDue(now);
      this.unwrapped.delete(keyIdOf(owner, version));
      return { state: 'erased', erasedAt: now };
    }
    return { state: 'live', key: this.unwrap(record) };
  }

  /**
   * Crypto-shredding: the owner's keys are destroyed `graceMs` from now (at once with 0), and with
   * them every payload they encrypted, wherever it is kept. Idempotent: asking again keeps the
   * first instant. Answers when the keys are (or were) erased.
   */
  async erase(owner: string, graceMs = 0): Promise<{ eraseAfter: string; erasedNow: number }> {
    const now = this.now();
    const eraseAfter = new Date(now.getTime() + Math.max(0, graceMs)).toISOString();
    await this.table.requestErasure(owner, eraseAfter);
    const erasedNow = await this.table.eraseDue(now.toISOString());
    const versions = await this.table.versions(owner);
    for (const record of versions) if (record.erasedAt) this.unwrapped.delete(keyIdOf(owner, record.version));
    // A second request keeps the first instant: answer that one.
    const first = versions
      .map((record) => record.eraseAfter)
      .filter((at): at is string => at !== null)
      .sort()[0];
    return { eraseAfter: first ?? eraseAfter, erasedNow };
  }

  /** Erases every key whose grace ended; answers how many. */
  eraseDue(): Promise<number> {
    return this.table.eraseDue(this.now().toISOString());
  }

  /**
   * Re-wraps every live data key under the current master key, in batches; payloads are untouched
   * (their data keys do not change). Afterwards the older master keys can leave TENURE_MASTER_KEYS.
   * Safe to run while Tenure runs, and again after an interruption.
   */
  async rotate({ batchSize = 500 } = {}): Promise<RotationReport> {
    const target = this.masterKeys.current;
    let rewrapped = 0;
    for (;;) {
      const batch = await this.table.wrappedByOtherThan(target.id, batchSize);
      if (batch.length === 0) break;
      let progressed = false;
      for (const record of batch) {
        const keyId = keyIdOf(record.owner, record.version);
        const key = this.unwrap(record);
        const done = await this.table.rewrap(
          { owner: record.owner, version: record.version, fromMasterKeyId: record.masterKeyId! },
          seal(target.key, key, wrapAad(keyId)),
          target.id,
          this.now().toISOString(),
        );
        if (done) rewrapped += 1;
        // Not done: erased or re-wrapped by someone else meanwhile; either way it leaves the batch.
        progressed = true;
      }
      if (!progressed) break;
    }
    return { masterKeyId: target.id, rewrapped, byMasterKey: await this.table.countByMasterKey() };
  }

  private unwrap(record: DataKeyRecord): Buffer {
    const keyId = keyIdOf(record.owner, record.version);
    const cached = this.unwrapped.get(keyId);
    if (cached && record.wrappedKey && cached.wrappedKey.equals(record.wrappedKey)) return cached.key;
    const master = this.masterKey(record, keyId);
    const key = open(master.key, record.wrappedKey!, wrapAad(keyId));
    if (this.unwrapped.size >= CACHE_LIMIT) this.unwrapped.delete(this.unwrapped.keys().next().value!);
    this.unwrapped.set(keyId, { wrappedKey: Buffer.from(record.wrappedKey!), key });
    return key;
  }

  private masterKey(record: DataKeyRecord, keyId: string): MasterKey {
    const master = record.masterKeyId ? this.masterKeys.byId.get(record.masterKeyId) : undefined;
    if (!master || !record.wrappedKey) {
      throw new Error(
        `data key ${keyId} is wrapped by master key "${record.masterKeyId}", which TENURE_MASTER_KEYS does not list: ` +
          'list it after the current key until `npm run keys:rotate` has re-wrapped every data key',
      );
    }
    return master;
  }
}

/** Not erased, and no erasure due at `now`. */
function isLive(record: DataKeyRecord, now: string): boolean {
  return !record.erasedAt && (!record.eraseAfter || record.eraseAfter > now);
}
