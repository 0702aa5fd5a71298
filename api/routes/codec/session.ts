import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Principal, TokenEntry } from '../../plugins/api-tokens';

/** The cookie the codec accepts from browsers (the Temporal UI sends cookies, not API tokens). */
export const SESSION_COOKIE = 'tenure_codec';
/** How long a codec session lasts: a working day. */
export const SESSION_SECONDS = 8 * 3600;

const macOf = (entry: TokenEntry, index: number, expires: number) =>
  createHmac('sha256', entry.digest).update(`tenure-codec-session|${index}|${expires}`).digest();

/**
 * A session for the holder of token entry `index`: `<index>.<expiry>.<mac>`, signed with the
 * token's own digest, so that every API replica with the same API_TOKENS accepts it, and changing
 * or removing the token ends it. It carries no token.
 */
export function issueSession(entries: readonly TokenEntry[], index: number, now = Date.now()): string {
  const entry = entries[index];
  if (!entry) throw new Error(`no token entry ${index}`);
  const expires = Math.floor(now / 1000) + SESSION_SECONDS;
  return `${index}.${expires}.${macOf(entry, index, expires).toString('base64url')}`;
}

/** The principal of a valid, unexpired session cookie value. */
export function principalOfSession(
  entries: readonly TokenEntry[],
  value: string,
  now = Date.now(),
): Principal | undefined {
  const match = /^(\d{1,4})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return undefined;
  const index = Number(match[1]);
  const expires = Number(match[2]);
  const entry = entries[index];
  if (!entry || expires * 1000 <= now) return undefined;
  const presented = Buffer.from(match[3]!, 'base64url');
  return timingSafeEqual(presented, macOf(entry, index, expires)) ? entry.principal : undefined;
}

/** The value of one cookie in a `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
