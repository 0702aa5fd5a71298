import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors';

/**
 * List cursors: Temporal's visibility page token, wrapped in an opaque base64url string and signed
 * (HMAC-SHA256) together with the query it pages through. A forged or altered cursor is a 400 here:
 * Temporal is never handed a token it did not issue (the dev server answers a garbled token with an
 * error its client retries for many seconds), and a cursor cannot be replayed under other filters.
 */
export class CursorCodec {
  private readonly key: Buffer;

  constructor(secret?: string) {
    this.key = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  private mac(query: string, token: string): Buffer {
    return createHmac('sha256', this.key).update(query).update('\n').update(token).digest();
  }

  encode(query: string, pageToken: Uint8Array): string {
    const token = Buffer.from(pageToken).toString('base64url');
    const mac = this.mac(query, token).toString('base64url');
    return Buffer.from(JSON.stringify({ v: 1, t: token, m: mac }), 'utf8').toString('base64url');
  }

  /** The page token of a cursor made for this query; a 400 otherwise. */
  decode(query: string, cursor: string): Buffer {
    const invalid = () =>
      new ApiError('INVALID_CURSOR', 'the cursor is not one this API issued for these filters', [
        { path: 'query.cursor', message: 'invalid cursor' },
      ]);
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    } catch {
      throw invalid();
    }
    const { v, t, m } = (parsed ?? {}) as Record<string, unknown>;
    if (v !== 1 || typeof t !== 'string' || typeof m !== 'string') throw invalid();
    const expected = this.mac(query, t);
    const given = Buffer.from(m, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    return Buffer.from(t, 'base64url');
  }
}
