/**
 * The User resource: validating client input against the schemas and serialising stored users.
 * Stored attributes use canonical attribute names (RFC 7643 §2.1: names are case-insensitive), core
 * attributes at the top level and each extension's attributes under its URN, the way they are served.
 */
import { badRequest } from './errors';
import {
  ACCOUNT_STATUS,
  CORE_USER,
  CORE_USER_ATTRIBUTES,
  ENTERPRISE_USER,
  EXTENSIONS,
  findAttribute,
  schemaByUrn,
  type AttributeDef,
  type ExtensionUrn,
  type SchemaDef,
} from './schemas';

/** Client-managed attributes in canonical form (JSON). */
export type Attributes = Record<string, unknown>;

/** The server-managed invitation and claim state (the accountstatusdetails extension). */
export interface AccountStatus {
  invited: boolean;
  /** epoch seconds */
  inviteDate?: number;
  claimed: boolean;
  /** epoch seconds */
  claimDate?: number;
  /** the secret part of the claim link */
  claimToken?: string;
  accessCode?: string;
}

/** A user as the store keeps it. */
export interface StoredUser {
  id: string;
  /** ISO instant */
  created: string;
  /** ISO instant */
  lastModified: string;
  /** bumped on every change; served as the weak ETag `W/"<version>"` */
  version: number;
  attributes: Attributes;
  status: AccountStatus;
}

/** What a client sent, validated: the attributes it may set, and whether it asked to invite. */
export interface UserInput {
  attributes: Attributes;
  /** `accountstatusdetails.invited`, when sent */
  invited?: boolean;
}

/** A served User resource. */
export type ScimUser = Record<string, unknown> & { id: string; schemas: string[] };

// Workplace sent dates as epoch seconds in Meta's scripts and as ISO strings elsewhere: accept both.
const EPOCH_SECONDS = new Set(['startDate', 'termDate']);
// RFC 7643 canonical values are suggestions (an e-mail `type` may be anything); Workplace's
// authMethod is a closed set.
const CLOSED_VALUE_SETS = new Set(['authMethod']);

/** Where a top-level key of a User body points: a core attribute, or an extension (whole or one attribute). */
export type ResolvedKey =
  | { kind: 'core'; attribute: AttributeDef; rest: string }
  | { kind: 'extension'; schema: SchemaDef & { id: ExtensionUrn } }
  | { kind: 'extensionAttribute'; schema: SchemaDef & { id: ExtensionUrn }; attribute: AttributeDef; rest: string };

/**
 * Resolves a top-level key (or PATCH path head) case-insensitively: `userName`,
 * `urn:…:core:2.0:User:userName`, an extension URN, or `urn:…:enterprise:2.0:User:department`.
 * For a URN-prefixed attribute, `rest` is what follows the attribute name (like `.value`).
 */
export function resolveKey(key: string): ResolvedKey | undefined {
  const lower = key.toLowerCase();
  const corePrefix = `${CORE_USER.toLowerCase()}:`;
  if (lower.startsWith(corePrefix)) {
    const tail = key.slice(corePrefix.length);
    const name = tail.split(/[.[]/, 1)[0] ?? '';
    const attribute = findAttribute(CORE_USER_ATTRIBUTES, name);
    return attribute && { kind: 'core', attribute, rest: tail.slice(name.length) };
  }
  for (const urn of EXTENSIONS) {
    const schema = schemaByUrn(urn) as SchemaDef & { id: ExtensionUrn };
    const urnLower = urn.toLowerCase();
    if (lower === urnLower) return { kind: 'extension', schema };
    if (lower.startsWith(`${urnLower}:`)) {
      const tail = key.slice(urn.length + 1);
      const name = tail.split(/[.[]/, 1)[0] ?? '';
      const attribute = findAttribute(schema.attributes, name);
      return attribute && { kind: 'extensionAttribute', schema, attribute, rest: tail.slice(name.length) };
    }
  }
  const name = key.split(/[.[]/, 1)[0] ?? '';
  const attribute = findAttribute(CORE_USER_ATTRIBUTES, name);
  return attribute && { kind: 'core', attribute, rest: key.slice(name.length) };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates one attribute value against its definition and returns it in canonical form, or
 * `undefined` when the value leaves the attribute unassigned (null, empty array, empty object) or
 * is read-only / write-only and therefore ignored (RFC 7644 §3.3, §3.5.1).
 */
export function coerceAttribute(def: AttributeDef, value: unknown, path: string): unknown {
  if (def.mutability === 'readOnly' || def.mutability === 'writeOnly') return undefined;
  if (value === null || value === undefined) return undefined;
  if (def.multiValued) {
    if (!Array.isArray(value)) throw badRequest('invalidValue', `${path} must be an array`);
    const items = value.map((item, i) => coerceSingle(def, item, `${path}[${i}]`)).filter((item) => item !== undefined);
    if (def.subAttributes?.some((sub) => sub.name === 'primary')) {
      const primaries = items.filter((item) => isPlainObject(item) && item.primary === true).length;
      if (primaries > 1) throw badRequest('invalidValue', `${path}: at most one entry may be primary`);
    }
    return items.length > 0 ? items : undefined;
  }
  return coerceSingle(def, value, path);
}

function coerceSingle(def: AttributeDef, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return undefined;
  switch (def.type) {
    case 'complex': {
      if (!isPlainObject(value)) throw badRequest('invalidValue', `${path} must be an object`);
      const out: Record<string, unknown> = {};
      for (const [key, raw] of Object.entries(value)) {
        // Unknown sub-attributes are ignored, like unknown attributes: be liberal in what is accepted.
        const sub = findAttribute(def.subAttributes ?? [], key);
        if (!sub) continue;
        const coerced = coerceAttribute(sub, raw, `${path}.${sub.name}`);
        if (coerced !== undefined) out[sub.name] = coerced;
      }
      return Object.keys(out).length > 0 ? out : undefined;
    }
    case 'boolean':
      // Some SCIM clients (Microsoft Entra among them) send booleans as "True"/"False".
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      if (typeof value !== 'boolean') throw badRequest('invalidValue', `${path} must be a boolean`);
      return value;
    case 'integer': {
      if (EPOCH_SECONDS.has(def.name) && typeof value === 'string' && !/^-?\d+$/.test(value)) {
        const ms = Date.parse(value);
        if (Number.isNaN(ms)) throw badRequest('invalidValue', `${path} must be epoch seconds or an ISO date`);
        return Math.floor(ms / 1000);
      }
      const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isSafeInteger(n))
        throw badRequest('invalidValue', `${path} must be an integer`);
      return n;
    }
    case 'decimal':
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw badRequest('invalidValue', `${path} must be a number`);
      return value;
    default:
      if (typeof value !== 'string') throw badRequest('invalidValue', `${path} must be a string`);
      if (def.canonicalValues && CLOSED_VALUE_SETS.has(def.name) && !def.canonicalValues.includes(value))
        throw badRequest('invalidValue', `${path} must be one of ${def.canonicalValues.join(', ')}`);
      return value;
  }
}

/**
 * Workplace's manager is `{ "managerId": <id> }`, the RFC's `{ "value": <id> }`, and some clients
 * send the bare id; all become `{ managerId }` (a string, like every user id). When a PATCH leaves
 * both keys with different ids, the one that differs from `previousId` is the new one.
 */
function canonicalManager(raw: unknown, previousId: string | undefined, path: string): unknown {
  if (raw === null || raw === undefined || raw === '') return undefined;
  const asId = (v: unknown): string | undefined => {
    if (v === null || v === undefined || v === '') return undefined;
    if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
    if (typeof v === 'string') return v;
    throw badRequest('invalidValue', `${path} must hold a user id`);
  };
  if (!isPlainObject(raw)) return { managerId: asId(raw) };
  const byKey = (name: string) => Object.entries(raw).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  const managerId = asId(byKey('managerId'));
  const value = asId(byKey('value'));
  if (managerId !== undefined && value !== undefined && managerId !== value) {
    if (managerId === previousId) return { managerId: value };
    if (value === previousId) return { managerId };
    throw badRequest('invalidValue', `${path}: managerId and value name different users`);
  }
  const id = managerId ?? value;
  return id === undefined ? undefined : { managerId: id };
}

function coerceExtension(
  schema: SchemaDef,
  block: unknown,
  path: string,
  previousManagerId: string | undefined,
): Attributes | undefined {
  if (block === null || block === undefined) return undefined;
  if (!isPlainObject(block)) throw badRequest('invalidValue', `${path} must be an object`);
  const out: Attributes = {};
  for (const [key, raw] of Object.entries(block)) {
    const def = findAttribute(schema.attributes, key);
    if (!def) continue;
    const value =
      schema.id === ENTERPRISE_USER && def.name === 'manager'
        ? canonicalManager(raw, previousManagerId, `${path}.manager`)
        : coerceAttribute(def, raw, `${path}.${def.name}`);
    if (value !== undefined) out[def.name] = value;
  }
  return out;
}

/** Options for {@link parseUserInput}. */
export interface ParseOptions {
  /** POST requires `userName`; PUT keeps the stored one when omitted (see the users routes). */
  requireUserName: boolean;
  /** the stored manager id, to tell which of `managerId`/`value` a PATCH changed */
  previousManagerId?: string;
}

/**
 * Validates a User body (POST, PUT, or the document a PATCH produced): requires the core schema in
 * `schemas`, drops read-only and unknown attributes, and returns the client-managed attributes.
 */
export function parseUserInput(body: unknown, options: ParseOptions): UserInput {
  if (!isPlainObject(body)) throw badRequest('invalidSyntax', 'the request body must be a JSON object');
  const schemas = body.schemas;
  if (
    !Array.isArray(schemas) ||
    !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === CORE_USER.toLowerCase())
  )
    throw badRequest('invalidSyntax', `schemas must include ${CORE_USER}`);

  const attributes: Attributes = {};
  const extensions = new Map<ExtensionUrn, Record<string, unknown>>();
  const extensionBlock = (urn: ExtensionUrn) => {
    let block = extensions.get(urn);
    if (!block) extensions.set(urn, (block = {}));
    return block;
  };
  for (const [key, raw] of Object.entries(body)) {
    if (key === 'schemas') continue;
    const resolved = resolveKey(key);
    // Unknown attributes are ignored (robustness principle), as are dotted keys like "name.givenName".
    if (!resolved || ('rest' in resolved && resolved.rest !== '')) continue;
    if (resolved.kind === 'core') {
      const value = coerceAttribute(resolved.attribute, raw, resolved.attribute.name);
      if (value !== undefined) attributes[resolved.attribute.name] = value;
    } else if (resolved.kind === 'extension') {
      if (raw !== null && !isPlainObject(raw))
        throw badRequest('invalidValue', `${resolved.schema.id} must be an object`);
      Object.assign(extensionBlock(resolved.schema.id), raw ?? {});
    } else {
      // A flattened extension attribute such as "urn:…:enterprise:2.0:User:department".
      extensionBlock(resolved.schema.id)[resolved.attribute.name] = raw;
    }
  }

  let invited: boolean | undefined;
  for (const urn of EXTENSIONS) {
    const block = extensions.get(urn);
    if (!block) continue;
    const schema = schemaByUrn(urn)!;
    const value = coerceExtension(schema, block, urn, options.previousManagerId);
    if (urn === ACCOUNT_STATUS) {
      // Only `invited` is the client's to set; the rest of the status is server-managed.
      if (typeof value?.invited === 'boolean') invited = value.invited;
      continue;
    }
    // An extension block that was sent is kept even when empty: PUT then clears it rather than keeping it.
    attributes[urn] = value ?? {};
  }

  const userName = attributes.userName;
  if (userName !== undefined && (typeof userName !== 'string' || userName.trim() === ''))
    throw badRequest('invalidValue', 'userName must be a non-empty string');
  if (options.requireUserName && userName === undefined) throw badRequest('invalidValue', 'userName is required');
  return { attributes, ...(invited === undefined ? {} : { invited }) };
}

/** The manager id stored in `attributes`, if any. */
export function managerIdOf(attributes: Attributes): string | undefined {
  const enterprise = attributes[ENTERPRISE_USER];
  if (!isPlainObject(enterprise) || !isPlainObject(enterprise.manager)) return undefined;
  const id = enterprise.manager.managerId;
  return typeof id === 'string' ? id : undefined;
}

/** Drops empty extension blocks, which mean "no value" once stored. */
export function withoutEmptyExtensions(attributes: Attributes): Attributes {
  const out: Attributes = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (isPlainObject(value) && Object.keys(value).length === 0 && schemaByUrn(key)) continue;
    out[key] = value;
  }
  return out;
}

/** The weak ETag of a stored user. */
export const etagOf = (user: Pick<StoredUser, 'version'>) => `W/"${user.version}"`;

/** The claim link of a claim token. */
export const claimLinkOf = (baseUrl: string, token: string) => `${baseUrl}/claim/${token}`;

/** Serialises a stored user as a SCIM User resource, with `meta.location` under `baseUrl`. */
export function toScimUser(user: StoredUser, baseUrl: string): ScimUser {
  const { attributes, status } = user;
  const schemas = [CORE_USER];
  const core: Record<string, unknown> = {};
  const extensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes)) {
    if (!schemaByUrn(key)) {
      core[key] = value;
      continue;
    }
    if (!isPlainObject(value) || Object.keys(value).length === 0) continue;
    const block = { ...value };
    if (key === ENTERPRISE_USER && isPlainObject(block.manager) && typeof block.manager.managerId === 'string') {
      const id = block.manager.managerId;
      block.manager = { managerId: id, value: id, $ref: `${baseUrl}/Users/${id}` };
    }
    extensions[key] = block;
  }
  extensions[ACCOUNT_STATUS] = {
    invited: status.invited,
    ...(status.inviteDate === undefined ? {} : { inviteDate: status.inviteDate }),
    claimed: status.claimed,
    ...(status.claimDate === undefined ? {} : { claimDate: status.claimDate }),
    ...(status.claimToken === undefined ? {} : { claimLink: claimLinkOf(baseUrl, status.claimToken) }),
    ...(status.accessCode === undefined ? {} : { accessCode: status.accessCode }),
  };
  const orderedExtensions: Record<string, unknown> = {};
  for (const urn of EXTENSIONS) {
    if (extensions[urn] === undefined) continue;
    schemas.push(urn);
    orderedExtensions[urn] = extensions[urn];
  }
  const { externalId, userName, ...rest } = core;
  return {
    schemas,
    id: user.id,
    ...(externalId === undefined ? {} : { externalId }),
    userName,
    ...rest,
    active: attributes.active !== false,
    ...orderedExtensions,
    meta: {
      resourceType: 'User',
      created: user.created,
      lastModified: user.lastModified,
      location: `${baseUrl}/Users/${user.id}`,
      version: etagOf(user),
    },
  };
}
