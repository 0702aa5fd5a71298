import type { SqlExecutor } from './sql-driver';

/** One data key as stored: wrapped by a master key, or erased (no key material left). */
export interface DataKeyRecord {
  /** `employee:<employeeId>` or `fleet` */
  owner: string;
  /** 1, 2, …: a new version for each employment after an erasure */
  version: number;
  /** the data key encrypted under the master key `masterKeyId`; null once erased */
  wrappedKey: Buffer | null;
  masterKeyId: string | null;
  createdAt: string;
  rewrappedAt: string | null;
  /** when an erasure was asked for: the instant the key is erased */
  eraseAfter: string | null;
  erasedAt: string | null;
}

interface Row {
  owner: string;
  version: number;
  wrapped_key: Buffer | null;
  master_key_id: string | null;
  created_at: string;
  rewrapped_at: string | null;
  erase_after: string | null;
  erased_at: string | null;
}

const COLUMNS = 'owner, version, wrapped_key, master_key_id, created_at, rewrapped_at, erase_after, erased_at';

const recordOf = (row: Row): DataKeyRecord => ({
  owner: row.owner,
  version: Number(row.version),
  wrappedKey: row.wrapped_key ? Buffer.from(row.wrapped_key) : null,
  masterKeyId: row.master_key_id,
  createdAt: row.created_at,
  rewrappedAt: row.rewrapped_at,
  eraseAfter: row.erase_after,
  erasedAt: row.erased_at,
});

/**
 * The `data_keys` table: rows only, no cryptography (wrapping is the codec's). Timestamps are ISO
 * strings in UTC, which compare as text in both dialects.
 */
export class DataKeyTable {
  constructor(private readonly db: SqlExecutor) {}

  /** The newest version of an owner's key, erased or not. */
  async newest(owner: string): Promise<DataKeyRecord | undefined> {
    const rows = await this.db.all<Row>(
      `SELECT ${COLUMNS} FROM data_keys WHERE owner = $1 ORDER BY version DESC LIMIT 1`,
      [owner],
    );
    return rows[0] && recordOf(rows[0]);
  }

  /** One version of an owner's key. */
  async get(owner: string, version: number): Promise<DataKeyRecord | undefined> {
    const rows = await this.db.all<Row>(`SELECT ${COLUMNS} FROM data_keys WHERE owner = $1 AND version = $2`, [
      owner,
      version,
    ]);
    return rows[0] && recordOf(rows[0]);
  }

  /** Every version of an owner's key, oldest first. */
  async versions(owner: string): Promise<DataKeyRecord[]> {
    const rows = await this.db.all<Row>(`SELECT ${COLUMNS} FROM data_keys WHERE owner = $1 ORDER BY version`, [owner]);
    return rows.map(recordOf);
  }

  /** Adds a key; false when another process added that version first. */
  async insert(key: { owner: string; version: number; wrappedKey: Buffer; masterKeyId: string; createdAt: string }) {
    const changed = await this.db.run(
      `INSERT INTO data_keys (owner, version, wrapped_key, master_key_id, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (owner, version) DO NOTHING`,
      [key.owner, key.version, key.wrappedKey, key.masterKeyId, key.createdAt],
    );
    return changed === 1;
  }

  /**
   * Asks for the erasure of an owner's live keys at `eraseAfter` (an earlier request stands: asking
   * again never postpones an erasure). Answers how many keys it marked.
   */
  requestErasure(owner: string, eraseAfter: string): Promise<number> {
    return this.db.run(
      `UPDATE data_keys SET erase_after = $2 WHERE owner = $1 AND erased_at IS NULL AND erase_after IS NULL`,
      [owner, eraseAfter],
    );
  }

  /** Erases every key whose erasure is due at `now`: the key material is gone, the row stays. Answers how many. */
  eraseDue(now: string): Promise<number> {
    return this.db.run(
      `UPDATE data_keys SET wrapped_key = NULL, master_key_id = NULL, erased_at = $1
       WHERE erased_at IS NULL AND erase_after IS NOT NULL AND erase_after <= $1`,
      [now],
    );
  }

  /** Up to `limit` live keys wrapped by another master key than `masterKeyId`. */
  async wrappedByOtherThan(masterKeyId: string, limit: number): Promise<DataKeyRecord[]> {
    const rows = await this.db.all<Row>(
      `SELECT ${COLUMNS} FROM data_keys WHERE erased_at IS NULL AND master_key_id <> $1 ORDER BY owner, version LIMIT $2`,
      [masterKeyId, limit],
    );
    return rows.map(recordOf);
  }

  /** Replaces a key's wrapping, unless it changed since it was read (erased, or re-wrapped by another process). */
  async rewrap(
    key: { owner: string; version: number; fromMasterKeyId: string },
    wrappedKey: Buffer,
    masterKeyId: string,
    now: string,
  ): Promise<boolean> {
    const changed = await this.db.run(
      `UPDATE data_keys SET wrapped_key = $1, master_key_id = $2, rewrapped_at = $3
       WHERE owner = $4 AND version = $5 AND master_key_id = $6 AND erased_at IS NULL`,
      [wrappedKey, masterKeyId, now, key.owner, key.version, key.fromMasterKeyId],
    );
    return changed === 1;
  }

  /** How many live keys each master key wraps. */
  async countByMasterKey(): Promise<Record<string, number>> {
    const rows = await this.db.all<{ master_key_id: string; n: number }>(
      `SELECT master_key_id, count(*) AS n FROM data_keys WHERE erased_at IS NULL GROUP BY master_key_id`,
    );
    return Object.fromEntries(rows.map((row) => [row.master_key_id, Number(row.n)]));
  }
}
