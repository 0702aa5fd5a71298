import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { MasterKeys } from '../../codec/master-keys';
import type { EmployeeRecord } from '../../workflows/contract';

/** JSON with sorted keys and no undefined values: equal records give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The identity of a joiner request, kept in the run's plain `RequestDigest` search attribute so that
 * a replayed request is recognised even after the run's payloads were shredded. The record holds a
 * name and an e-mail, so the digest is keyed: an HMAC-SHA256 under a key derived from a master key
 * (`<master key id>:<hex>`), which nobody without `TENURE_MASTER_KEYS` can compute to confirm a
 * guessed record. A digest made under an older master key still matches while that key is listed.
 */
export class RequestDigests {
  private readonly keys: ReadonlyMap<string, Buffer>;
  private readonly currentId: string;

  constructor(masterKeys: MasterKeys) {
    this.currentId = masterKeys.current.id;
    this.keys = new Map(
      [...masterKeys.byId].map(([id, master]) => [
        id,
        Buffer.from(hkdfSync('sha256', master.key, Buffer.alloc(0), 'tenure/request-digest', 32)),
      ]),
    );
  }

  /** The digest of a record under the current master key. */
  of(record: EmployeeRecord): string {
    return `${this.currentId}:${this.hmac(this.keys.get(this.currentId)!, record)}`;
  }

  /** Whether a stored digest is the digest of this record (under the key it names). */
  matches(stored: string | undefined, record: EmployeeRecord): boolean {
    const colon = stored?.indexOf(':') ?? -1;
    const key = colon > 0 ? this.keys.get(stored!.slice(0, colon)) : undefined;
    if (!stored || !key) return false;
    const expected = Buffer.from(this.hmac(key, record));
    const actual = Buffer.from(stored.slice(colon + 1));
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  private hmac(key: Buffer, record: EmployeeRecord): string {
    return createHmac('sha256', key).update(canonicalJson(record)).digest('hex');
  }
}

/** The record fields whose values differ between two records (for a 409's details). */
export function differingFields(a: EmployeeRecord, b: EmployeeRecord): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])] as (keyof EmployeeRecord)[];
  return keys.filter((key) => canonicalJson(a[key]) !== canonicalJson(b[key])).sort();
}
