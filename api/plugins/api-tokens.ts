import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The API's bearer tokens. `API_TOKENS` is a comma-separated list of entries:
 *   hr:<token>                       everything about employees
 *   operator:<token>                 read everything, legal holds, deletion confirmations, retries
 *   manager:<employeeId>:<token>     read and signal the early leave of their direct reports only
 * A token is 32–256 characters of `A-Z a-z 0-9 . _ ~ + / = -` (base64, base64url and hex all fit),
 * and used once.
 */

export type Role = 'hr' | 'operator' | 'manager';

/** Who a request acts as, once its token was recognised. */
export type Principal =
  | { role: 'hr'; name: string }
  | { role: 'operator'; name: string }
  | { role: 'manager'; name: string; employeeId: string };

export interface TokenEntry {
  principal: Principal;
  /** sha256 of the token: what requests are compared with */
  digest: Buffer;
}

const TOKEN = /^[A-Za-z0-9._~+/=-]{32,256}$/;
const EMPLOYEE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Well-known tokens for local development; refused when NODE_ENV is production. */
export const DEV_TOKENS = [
  'hr:tenure-dev-hr-token-do-not-use-in-production',
  'operator:tenure-dev-operator-token-do-not-use-in-production',
  'manager:M-DEV:tenure-dev-manager-token-do-not-use-in-production',
].join(',');
const DEV_PREFIX = 'tenure-dev-';

const digestOf = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/**
 * Parses `API_TOKENS`; returns the entries, or the problems (never echoing a token). In production
 * the dev tokens are refused.
 */
export function parseApiTokens(
  value: string,
  { production = false }: { production?: boolean } = {},
): { entries: TokenEntry[] } | { problems: string[] } {
  const problems: string[] = [];
  const entries: TokenEntry[] = [];
  const seen = new Set<string>();
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) problems.push('no token entries');
  items.forEach((item, index) => {
    const where = `entry ${index + 1}`;
    const parts = item.split(':');
    const role = parts[0];
    let principal: Principal | undefined;
    let token: string | undefined;
    if ((role === 'hr' || role === 'operator') && parts.length === 2) {
      token = parts[1];
      principal = { role, name: `${role}#${index + 1}` };
    } else if (role === 'manager' && parts.length === 3) {
      const employeeId = parts[1] ?? '';
      token = parts[2];
      if (!EMPLOYEE_ID.test(employeeId)) problems.push(`${where}: '${employeeId}' is not an employee id`);
      else principal = { role, employeeId, name: `manager:${employeeId}` };
    } else {
      problems.push(`${where}: expected hr:<token>, operator:<token> or manager:<employeeId>:<token>`);
      return;
    }
    if (!token || !TOKEN.test(token)) {
      problems.push(`${where} (${role}): the token must be 32–256 characters of A-Z a-z 0-9 . _ ~ + / = -`);
      return;
    }
    if (production && token.startsWith(DEV_PREFIX)) {
      problems.push(`${where} (${role}): development tokens are refused in production`);
      return;
    }
    if (seen.has(token)) {
      problems.push(`${where} (${role}): the same token is given twice`);
      return;
    }
    seen.add(token);
    if (principal) entries.push({ principal, digest: digestOf(token) });
  });
  return problems.length > 0 ? { problems } : { entries };
}

/**
 * The principal a presented token belongs to, if any. Compares digests in constant time and always
 * walks every entry, so timing tells nothing about which entry (or how much of it) matched.
 */
export function principalOf(entries: readonly TokenEntry[], presented: string): Principal | undefined {
  const digest = digestOf(presented);
  let found: Principal | undefined;
  for (const entry of entries) {
    if (timingSafeEqual(entry.digest, digest) && !found) found = entry.principal;
  }
  return found;
}
