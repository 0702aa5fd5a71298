import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The API's bearer tokens. `API_TOKENS` is a comma-separated list of entries, each naming who holds
 * the token (the name is what logs and the timeline record):
 *   hr:<name>:<token>                     everything about employees
 *   operator:<name>:<token>               read everything, legal holds, deletion confirmations, retries
 *   manager:<name>:<employeeId>:<token>   read and signal the early leave of their direct reports only
 * A name is 1–64 characters of `A-Z a-z 0-9 . _ -`, starting with a letter or digit, once per role;
 * a token is 32–256 characters of `A-Z a-z 0-9 . _ ~ + / = -` (base64, base64url and hex all fit),
 * and used once. Neither holds a `:`, so an entry splits one way only.
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
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const EMPLOYEE_ID = /^[A-Za-z0-9._-]{1,64}$/;
const GRAMMAR = 'expected hr:<name>:<token>, operator:<name>:<token> or manager:<name>:<employeeId>:<token>';

/** The well-known tokens for local development, by role; refused when NODE_ENV is production. */
export const DEV_TOKEN_ENTRIES = {
  hr: { name: 'dev-hr', token: 'tenure-dev-hr-token-do-not-use-in-production' },
  operator: { name: 'dev-operator', token: 'tenure-dev-operator-token-do-not-use-in-production' },
  manager: { name: 'dev-manager', employeeId: 'M-DEV', token: 'tenure-dev-manager-token-do-not-use-in-production' },
} as const;

/** The development tokens as an `API_TOKENS` value. */
export const DEV_TOKENS = [
  `hr:${DEV_TOKEN_ENTRIES.hr.name}:${DEV_TOKEN_ENTRIES.hr.token}`,
  `operator:${DEV_TOKEN_ENTRIES.operator.name}:${DEV_TOKEN_ENTRIES.operator.token}`,
  `manager:${DEV_TOKEN_ENTRIES.manager.name}:${DEV_TOKEN_ENTRIES.manager.employeeId}:${DEV_TOKEN_ENTRIES.manager.token}`,
].join(',');
const DEV_PREFIX = 'tenure-dev-';

const digestOf = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** `role:name`, how logs and the timeline name a principal. */
export const principalLabel = (principal: Principal) => `${principal.role}:${principal.name}`;

/** One entry split into its principal and token, or the problem with it (never quoting the token). */
function parseEntry(item: string, where: string): { principal: Principal; token: string } | { problem: string } {
  const parts = item.split(':');
  const [role, name = ''] = parts;
  let principal: Principal;
  if ((role === 'hr' || role === 'operator') && parts.length === 3) {
    principal = { role, name };
  } else if (role === 'manager' && parts.length === 4) {
    const employeeId = parts[2] ?? '';
    if (!EMPLOYEE_ID.test(employeeId)) return { problem: `${where}: '${employeeId}' is not an employee id` };
    principal = { role, name, employeeId };
  } else {
    return { problem: `${where}: ${GRAMMAR}` };
  }
  if (!NAME.test(name)) {
    return {
      problem: `${where} (${role}): the name must be 1–64 characters of A-Z a-z 0-9 . _ - starting with a letter or digit`,
    };
  }
  const token = parts[parts.length - 1] ?? '';
  if (!TOKEN.test(token)) {
    return { problem: `${where} (${role}): the token must be 32–256 characters of A-Z a-z 0-9 . _ ~ + / = -` };
  }
  return { principal, token };
}

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
  const tokens = new Set<string>();
  const names = new Set<string>();
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  if (items.length === 0) problems.push('no token entries');
  items.forEach((item, index) => {
    const where = `entry ${index + 1}`;
    const parsed = parseEntry(item, where);
    if ('problem' in parsed) {
      problems.push(parsed.problem);
      return;
    }
    const { principal, token } = parsed;
    const label = principalLabel(principal);
    if (production && token.startsWith(DEV_PREFIX)) {
      problems.push(`${where} (${label}): development tokens are refused in production`);
    } else if (tokens.has(token)) {
      problems.push(`${where} (${label}): the same token is given twice`);
    } else if (names.has(label)) {
      // Two holders under one name could not be told apart in the logs and the timeline.
      problems.push(`${where} (${label}): the name is given twice for this role`);
    } else {
      tokens.add(token);
      names.add(label);
      entries.push({ principal, digest: digestOf(token) });
    }
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
