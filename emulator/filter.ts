/**
 * SCIM filters (RFC 7644 §3.4.2.2): parsing with scim2-parse-filter, the two list filters Workplace
 * documents, and evaluating PATCH value-selection filters such as `emails[type eq "work"]`.
 */
import { parse, type Compare, type Filter } from 'scim2-parse-filter';
import { badRequest } from './errors';
import { findAttribute, CORE_USER, type AttributeDef } from './schemas';

const invalidFilter = (detail: string) => badRequest('invalidFilter', detail);

/**
 * Parses a filter expression. String literals are decoded here, as JSON strings (RFC 7644 §3.4.2.2
 * defines compValue as a JSON value), and handed to the library as numbered placeholders: the
 * library's tokenizer doubles every backslash not followed by a quote, so `"a\\b"` would come back
 * as two backslashes and `"a\\"` would not parse at all.
 */
export function parseFilter(text: string): Filter {
  const literals: string[] = [];
  let masked = '';
  for (let i = 0; i < text.length;) {
    if (text[i] !== '"') {
      masked += text[i];
      i++;
      continue;
    }
    const match = /^"(?:[^"\\]|\\.)*"/s.exec(text.slice(i));
    if (!match) throw invalidFilter('unterminated string literal in filter');
    let decoded: unknown;
    try {
      decoded = JSON.parse(match[0]);
    } catch {
      throw invalidFilter(`invalid string literal in filter: ${match[0]}`);
    }
    masked += `"${literals.length}"`;
    literals.push(decoded as string);
    i += match[0].length;
  }
  let ast: Filter;
  try {
    ast = parse(masked);
  } catch (err) {
    throw invalidFilter(`cannot parse filter: ${err instanceof Error ? err.message : String(err)}`);
  }
  return restoreLiterals(ast, literals);
}

function restoreLiterals(filter: Filter, literals: string[]): Filter {
  switch (filter.op) {
    case 'and':
    case 'or':
      return { ...filter, filters: filter.filters.map((f) => restoreLiterals(f, literals)) };
    case 'not':
      return { ...filter, filter: restoreLiterals(filter.filter, literals) };
    case '[]':
      return { ...filter, valFilter: restoreLiterals(filter.valFilter, literals) };
    case 'pr':
      return filter;
    default:
      return typeof filter.compValue === 'string'
        ? { ...filter, compValue: literals[Number(filter.compValue)] ?? '' }
        : filter;
  }
}

/** The only list filters Workplace documents: equality on `userName` or `externalId`. */
export interface UserListFilter {
  attribute: 'userName' | 'externalId';
  value: string;
}

/**
 * Parses a `GET /Users?filter=` expression; anything but `userName eq "…"` or `externalId eq "…"`
 * (attribute names case-insensitive, optionally URN-prefixed) is `invalidFilter`.
 */
export function parseUserListFilter(text: string): UserListFilter {
  const ast = parseFilter(text);
  const unsupported = () =>
    invalidFilter(`unsupported filter "${text}": only userName eq "…" and externalId eq "…" are supported`);
  if (ast.op !== 'eq' || typeof ast.compValue !== 'string') throw unsupported();
  const prefix = `${CORE_USER}:`.toLowerCase();
  const path = ast.attrPath.toLowerCase().startsWith(prefix) ? ast.attrPath.slice(prefix.length) : ast.attrPath;
  switch (path.toLowerCase()) {
    case 'username':
      return { attribute: 'userName', value: ast.compValue };
    case 'externalid':
      return { attribute: 'externalId', value: ast.compValue };
    default:
      throw unsupported();
  }
}

/** Throws `invalidFilter` unless every attribute a value filter names is a sub-attribute in `subs`. */
export function checkValueFilter(filter: Filter, subs: readonly AttributeDef[]): void {
  switch (filter.op) {
    case 'and':
    case 'or':
      filter.filters.forEach((f) => checkValueFilter(f, subs));
      return;
    case 'not':
      checkValueFilter(filter.filter, subs);
      return;
    case '[]':
      throw invalidFilter('nested value filters are not supported');
    default:
      if (!findAttribute(subs, filter.attrPath))
        throw invalidFilter(`unknown attribute "${filter.attrPath}" in value filter`);
  }
}

/**
 * Whether one value of a multi-valued attribute matches a value filter. Strings compare
 * case-insensitively unless the sub-attribute is caseExact (RFC 7644 §3.4.2.2).
 */
export function matchesValueFilter(element: unknown, filter: Filter, subs: readonly AttributeDef[]): boolean {
  switch (filter.op) {
    case 'and':
      return filter.filters.every((f) => matchesValueFilter(element, f, subs));
    case 'or':
      return filter.filters.some((f) => matchesValueFilter(element, f, subs));
    case 'not':
      return !matchesValueFilter(element, filter.filter, subs);
    case '[]':
      return false;
    default: {
      const def = findAttribute(subs, filter.attrPath);
      const actual =
        def && typeof element === 'object' && element !== null
          ? (element as Record<string, unknown>)[def.name]
          : undefined;
      if (filter.op === 'pr') return actual !== undefined && actual !== null && actual !== '';
      return compare(filter.op, actual, filter.compValue, def?.caseExact ?? false);
    }
  }
}

function compare(op: Compare['op'], actual: unknown, expected: Compare['compValue'], caseExact: boolean): boolean {
  if (actual === undefined || actual === null)
    return op === 'ne' ? expected !== null : expected === null && op === 'eq';
  const fold = (v: unknown) => (typeof v === 'string' && !caseExact ? v.toLowerCase() : v);
  const a = fold(actual);
  const b = fold(expected);
  switch (op) {
    case 'eq':
      return a === b;
    case 'ne':
      return a !== b;
    case 'co':
      return typeof a === 'string' && typeof b === 'string' && a.includes(b);
    case 'sw':
      return typeof a === 'string' && typeof b === 'string' && a.startsWith(b);
    case 'ew':
      return typeof a === 'string' && typeof b === 'string' && a.endsWith(b);
    case 'gt':
      return b !== null && typeof a === typeof b && (a as number) > (b as number);
    case 'ge':
      return b !== null && typeof a === typeof b && (a as number) >= (b as number);
    case 'lt':
      return b !== null && typeof a === typeof b && (a as number) < (b as number);
    case 'le':
      return b !== null && typeof a === typeof b && (a as number) <= (b as number);
  }
}
