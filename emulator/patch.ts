/**
 * PATCH (RFC 7644 §3.5.2): applies a PatchOp to a User document and returns the new document, which
 * the caller validates like a PUT body.
 *
 * Why not the installed `scim-patch` library: it resolves paths by splitting at the last `:`, so a
 * path-less value keyed by an extension URN (`{"urn:…:enterprise:2.0:User": {…}}`, the RFC's own
 * form) lands under a bogus `urn:…:enterprise:2.0` key, a filter value holding a colon
 * (`emails[value eq "a:b"]`) fails, attribute names are matched case-sensitively, and a path-less
 * `replace` of a complex attribute drops the sub-attributes it does not name (RFC: they are left
 * unchanged). Paths here are resolved against the served schemas instead, which also gives the
 * RFC's `invalidPath` for unknown attributes and `mutability` for read-only ones.
 */
import type { Filter } from 'scim2-parse-filter';
import { badRequest } from './errors';
import { checkValueFilter, matchesValueFilter, parseFilter } from './filter';
import { resolveKey } from './resource';
import { ACCOUNT_STATUS, findAttribute, PATCH_OP, schemaByUrn, type AttributeDef } from './schemas';

type Doc = Record<string, unknown>;
type OpName = 'add' | 'replace' | 'remove';

/** Where a PATCH path points. */
interface Target {
  path: string;
  /** the extension URN holding the attribute; undefined for core attributes */
  container: string | undefined;
  /** undefined when the path is a whole extension (`urn:…:enterprise:2.0:User`) */
  attribute?: AttributeDef;
  filter?: Filter;
  sub?: AttributeDef;
}

const isObject = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Parses a PATCH `path` against the User schemas. */
function parsePath(path: string): Target {
  const resolved = resolveKey(path);
  if (!resolved) throw badRequest('invalidPath', `unknown attribute in path "${path}"`);
  if (resolved.kind === 'extension') return { path, container: resolved.schema.id };
  const container = resolved.kind === 'extensionAttribute' ? resolved.schema.id : undefined;
  const attribute = resolved.attribute;
  const match = /^(?:\[(.*)\])?(?:\.([^.[\]]+))?$/s.exec(resolved.rest);
  if (!match) throw badRequest('invalidPath', `malformed path "${path}"`);
  const [, filterText, subName] = match;
  const target: Target = { path, container, attribute };
  if (filterText !== undefined) {
    if (!attribute.multiValued)
      throw badRequest('invalidPath', `"${attribute.name}" is not multi-valued: it takes no value filter`);
    target.filter = parseFilter(filterText);
    checkValueFilter(target.filter, attribute.subAttributes ?? []);
  }
  if (subName !== undefined) {
    const sub = findAttribute(attribute.subAttributes ?? [], subName);
    if (!sub) throw badRequest('invalidPath', `"${attribute.name}" has no sub-attribute "${subName}"`);
    target.sub = sub;
  }
  return target;
}

function isReadOnly(target: Target): boolean {
  return target.attribute?.mutability === 'readOnly' || target.sub?.mutability === 'readOnly';
}

/** Validates a PatchOp body and applies its operations, in order, to a copy of `resource`. */
export function applyPatch(resource: Doc, body: unknown): Doc {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'the request body must be a JSON object');
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_OP))
    throw badRequest('invalidSyntax', `schemas must be ["${PATCH_OP}"]`);
  const operations = body.Operations;
  if (!Array.isArray(operations) || operations.length === 0)
    throw badRequest('invalidSyntax', 'Operations must be a non-empty array');
  const doc = JSON.parse(JSON.stringify(resource)) as Doc;
  operations.forEach((operation: unknown, i) => applyOperation(doc, operation, i));
  return doc;
}

function applyOperation(doc: Doc, operation: unknown, index: number): void {
  if (!isObject(operation)) throw badRequest('invalidSyntax', `Operations[${index}] must be an object`);
  // Operation names are case-insensitive in practice: Microsoft Entra sends "Replace".
  const op = typeof operation.op === 'string' ? operation.op.toLowerCase() : undefined;
  if (op !== 'add' && op !== 'replace' && op !== 'remove')
    throw badRequest('invalidSyntax', `Operations[${index}].op must be add, replace or remove`);
  const path = operation.path;
  if (path !== undefined && typeof path !== 'string')
    throw badRequest('invalidPath', `Operations[${index}].path must be a string`);
  if (op !== 'remove' && !('value' in operation))
    throw badRequest('invalidValue', `Operations[${index}]: "${op}" requires a value`);

  if (path === undefined || path === '') {
    if (op === 'remove') throw badRequest('noTarget', `Operations[${index}]: "remove" requires a path`);
    if (!isObject(operation.value))
      throw badRequest('invalidValue', `Operations[${index}]: a path-less "${op}" takes an object value`);
    applyPathless(doc, op, operation.value);
    return;
  }
  const target = parsePath(path);
  if (isReadOnly(target)) throw badRequest('mutability', `"${path}" is read-only`);
  if (op === 'remove' && target.attribute?.required && !target.sub)
    throw badRequest('mutability', `"${path}" is required and cannot be removed`);
  applyToTarget(doc, target, op, operation.value);
}

/**
 * A path-less add or replace: each key of the value is applied as if it were the path (RFC 7644
 * §3.5.2.1/.3). Keys may be attribute names, extension URNs or full paths; read-only and unknown keys
 * are ignored, as they are in a PUT body.
 */
function applyPathless(doc: Doc, op: OpName, value: Doc): void {
  for (const [key, item] of Object.entries(value)) {
    if (key === 'schemas') continue;
    let target: Target;
    try {
      target = parsePath(key);
    } catch {
      continue;
    }
    if (isReadOnly(target)) continue;
    applyToTarget(doc, target, op, item);
  }
}

function containerOf(doc: Doc, target: Target, create: boolean): Doc | undefined {
  if (target.container === undefined) return doc;
  const existing = doc[target.container];
  if (isObject(existing)) return existing;
  if (!create) return undefined;
  const block: Doc = {};
  doc[target.container] = block;
  return block;
}

function applyToTarget(doc: Doc, target: Target, op: OpName, value: unknown): void {
  const { attribute } = target;
  if (!attribute) return applyToExtension(doc, target, op, value);
  const parent = containerOf(doc, target, op !== 'remove');
  if (!parent) return;
  if (target.filter) return applyFiltered(parent, target, attribute, op, value);
  if (target.sub) return applyToSub(parent, target, attribute, target.sub, op, value);

  const name = attribute.name;
  if (op === 'remove') {
    if (attribute.multiValued && value !== undefined && Array.isArray(parent[name])) {
      const drop = Array.isArray(value) ? value : [value];
      parent[name] = (parent[name] as unknown[]).filter((el) => !drop.some((d) => isSubsetOf(d, el)));
      if ((parent[name] as unknown[]).length === 0) delete parent[name];
    } else delete parent[name];
    return;
  }
  if (attribute.multiValued) {
    const items = (Array.isArray(value) ? value : [value]) as unknown[];
    const existing = op === 'add' && Array.isArray(parent[name]) ? (parent[name] as unknown[]) : [];
    const added = items.filter((item) => !existing.some((el) => sameValue(el, item)));
    const merged = [...existing, ...added];
    if (added.some((item) => isObject(item) && item.primary === true))
      merged.forEach((el) => isObject(el) && !added.includes(el) && el.primary === true && delete el.primary);
    parent[name] = merged;
    return;
  }
  if (attribute.type === 'complex') {
    if (attribute.name === 'manager' && (typeof value === 'string' || typeof value === 'number')) {
      // Some clients send the manager as a bare id.
      parent[name] = { managerId: String(value) };
      return;
    }
    if (value === null) {
      delete parent[name];
      return;
    }
    if (!isObject(value)) throw badRequest('invalidValue', `"${target.path}" takes an object value`);
    // RFC 7644 §3.5.2.1/.3: the sub-attributes given replace or add; those not given are left unchanged.
    parent[name] = mergeSubAttributes(isObject(parent[name]) ? parent[name] : {}, value, attribute);
    return;
  }
  parent[name] = value;
}

function applyToExtension(doc: Doc, target: Target, op: OpName, value: unknown): void {
  const urn = target.container!;
  if (op === 'remove') {
    // The invitation status is the server's: removing the block changes nothing.
    if (urn !== ACCOUNT_STATUS) delete doc[urn];
    return;
  }
  if (!isObject(value)) throw badRequest('invalidValue', `"${target.path}" takes an object value`);
  const schema = schemaByUrn(urn)!;
  for (const [key, item] of Object.entries(value)) {
    const attribute = findAttribute(schema.attributes, key);
    if (!attribute || attribute.mutability === 'readOnly') continue;
    applyToTarget(doc, { path: `${urn}:${attribute.name}`, container: urn, attribute }, op, item);
  }
}

function applyToSub(
  parent: Doc,
  target: Target,
  attribute: AttributeDef,
  sub: AttributeDef,
  op: OpName,
  value: unknown,
) {
  const name = attribute.name;
  if (attribute.multiValued) {
    // A sub-attribute path without a filter addresses that sub-attribute of every value.
    const items = Array.isArray(parent[name]) ? (parent[name] as unknown[]) : [];
    if (op !== 'remove' && items.length === 0) throw badRequest('noTarget', `"${target.path}" has no values to change`);
    for (const el of items) if (isObject(el)) setOrDelete(el, sub.name, op, value);
    return;
  }
  if (op === 'remove' && name === 'manager' && (sub.name === 'value' || sub.name === 'managerId')) {
    // Both keys name the same manager: removing either removes the manager.
    delete parent[name];
    return;
  }
  const existing = isObject(parent[name]) ? parent[name] : {};
  if (op === 'remove') {
    delete existing[sub.name];
    if (Object.keys(existing).length === 0) delete parent[name];
    return;
  }
  parent[name] = { ...existing, [sub.name]: value };
}

function applyFiltered(parent: Doc, target: Target, attribute: AttributeDef, op: OpName, value: unknown): void {
  const name = attribute.name;
  const subs = attribute.subAttributes ?? [];
  const items = Array.isArray(parent[name]) ? (parent[name] as unknown[]) : [];
  const matches = items.filter((el) => matchesValueFilter(el, target.filter!, subs));
  if (op === 'remove') {
    // RFC 7644 §3.5.2.2: removing matched values; an attribute left with none becomes unassigned.
    const sub = target.sub;
    const remaining = sub ? items : items.filter((el) => !matches.includes(el));
    if (sub) matches.forEach((el) => isObject(el) && delete el[sub.name]);
    if (remaining.length === 0) delete parent[name];
    else parent[name] = remaining;
    return;
  }
  if (matches.length === 0) {
    const seed = op === 'add' ? seedFromFilter(target.filter!, subs) : undefined;
    // RFC 7644 §3.5.2.3: a replace whose value filter matches nothing fails with noTarget. An add
    // creates the value the filter describes, as clients that set `emails[type eq "work"].value` expect.
    if (!seed) throw badRequest('noTarget', `no value of "${name}" matches "${target.path}"`);
    const created = target.sub
      ? { ...seed, [target.sub.name]: value }
      : mergeSubAttributes(seed, asObject(value, target), attribute);
    parent[name] = [...items, created];
    if (isObject(created) && created.primary === true) clearOtherPrimaries(parent[name] as unknown[], created);
    return;
  }
  for (const el of matches) {
    if (!isObject(el)) continue;
    const index = items.indexOf(el);
    if (target.sub) el[target.sub.name] = value;
    else
      items[index] =
        op === 'replace' ? asObject(value, target) : mergeSubAttributes(el, asObject(value, target), attribute);
    const updated = items[index];
    if (isObject(updated) && updated.primary === true) clearOtherPrimaries(items, updated);
  }
  parent[name] = items;
}

function asObject(value: unknown, target: Target): Doc {
  if (!isObject(value)) throw badRequest('invalidValue', `"${target.path}" takes an object value`);
  return value;
}

/** For `attr eq "x"` filters: the value an add may create (`{ attr: "x" }`). */
function seedFromFilter(filter: Filter, subs: readonly AttributeDef[]): Doc | undefined {
  if (filter.op !== 'eq' || filter.compValue === null) return undefined;
  const def = findAttribute(subs, filter.attrPath);
  return def ? { [def.name]: filter.compValue } : undefined;
}

function clearOtherPrimaries(items: unknown[], keep: Doc): void {
  for (const el of items) if (el !== keep && isObject(el) && el.primary === true) delete el.primary;
}

function mergeSubAttributes(existing: Doc, value: Doc, attribute: AttributeDef): Doc {
  const out = { ...existing };
  for (const [key, item] of Object.entries(value)) {
    const sub = findAttribute(attribute.subAttributes ?? [], key);
    out[sub?.name ?? key] = item;
  }
  return out;
}

function setOrDelete(el: Doc, key: string, op: OpName, value: unknown): void {
  if (op === 'remove') delete el[key];
  else el[key] = value;
}

/** Whether every key of `pattern` (case-insensitive) has the same value in `el`: "remove this value". */
function isSubsetOf(pattern: unknown, el: unknown): boolean {
  if (!isObject(pattern) || !isObject(el)) return sameValue(pattern, el);
  return Object.entries(pattern).every(([key, v]) => {
    const actual = Object.entries(el).find(([k]) => k.toLowerCase() === key.toLowerCase());
    return actual !== undefined && sameValue(actual[1], v);
  });
}

/** JSON equality, ignoring key order (SCIM values are JSON; `{type, value}` equals `{value, type}`). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isObject(a)) {
    if (!isObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && sameValue(a[k], b[k]));
  }
  return a === b;
}
