/** The `/Users` endpoints (RFC 7644 §3.2–3.6) with Workplace's rules. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ContextOptions, EmulatorContext } from '../context';
import { badRequest, notFound } from '../errors';
import { parseUserListFilter } from '../filter';
import { applyPatch } from '../patch';
import { projectAttributes } from '../projection';
import { etagOf, managerIdOf, parseUserInput, toScimUser, type Attributes, type StoredUser } from '../resource';
import { sendScim } from '../reply';
import { checkPrecondition, matchesVersion } from '../store';
import { AUTH_METHOD, LIST_RESPONSE, SEARCH_REQUEST, START_TERM_DATES } from '../schemas';

/** The largest page `GET /Users` returns (advertised as `filter.maxResults`). */
export const MAX_PAGE_SIZE = 100;

type Query = Record<string, string | string[] | undefined>;

/** A query parameter by name, case-insensitively (SCIM clients differ in how they spell them). */
function param(query: Query, name: string): string | undefined {
  const entry = Object.entries(query).find(([key]) => key.toLowerCase() === name.toLowerCase());
  const value = entry?.[1];
  if (Array.isArray(value)) throw badRequest('invalidValue', `query parameter ${name} is given more than once`);
  return value;
}

function integer(raw: unknown, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  if (typeof raw === 'string' && /^[+-]?\d+$/.test(raw.trim())) return Number(raw);
  throw badRequest('invalidValue', `${name} must be an integer`);
}

/** What a list or search asks for. */
interface ListRequest {
  filter?: string;
  startIndex?: number;
  count?: number;
  attributes?: string;
  excludedAttributes?: string;
}

/** Both take a comma-separated list in a query, and an array in a SearchRequest body. */
function attributeList(raw: unknown, name: string): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') return raw;
  if (Array.isArray(raw) && raw.every((a) => typeof a === 'string')) return raw.join(',');
  throw badRequest('invalidValue', `${name} must be a list of attribute names`);
}

function list(ctx: EmulatorContext, req: ListRequest): Record<string, unknown> {
  let users: StoredUser[];
  if (req.filter !== undefined) {
    const { attribute, value } = parseUserListFilter(req.filter);
    const user = attribute === 'userName' ? ctx.store.findByUserName(value) : ctx.store.findByExternalId(value);
    users = user ? [user] : [];
  } else users = ctx.store.list();
  // RFC 7644 §3.4.2.4: a startIndex below 1 is 1; a negative count is 0.
  const startIndex = Math.max(1, req.startIndex ?? 1);
  const count = Math.min(MAX_PAGE_SIZE, Math.max(0, req.count ?? MAX_PAGE_SIZE));
  const page = users.slice(startIndex - 1, startIndex - 1 + count);
  const base = ctx.baseUrl();
  return {
    schemas: [LIST_RESPONSE],
    totalResults: users.length,
    itemsPerPage: page.length,
    startIndex,
    Resources: page.map((u) => projectAttributes(toScimUser(u, base), req.attributes, req.excludedAttributes)),
  };
}

/**
 * PUT replaces the resource (RFC 7644 §3.5.1): omitted attributes are cleared. Meta's own scripts,
 * however, PUT bodies holding only `schemas` and `active`, and Workplace accepted them. So, to
 * accept those bodies without inventing merge semantics the RFC does not have, these are kept when
 * omitted: `userName` (required; an omitted one cannot mean "clear"), `active` (an account state,
 * not profile data: omitting it must not silently reactivate or deactivate anyone) and the Workplace
 * extension blocks (start/term dates, auth method; the invitation status is server-managed anyway).
 * Everything else omitted — name, title, emails, externalId, the enterprise extension… — is cleared.
 */
export function putReplacement(stored: Attributes, sent: Attributes): Attributes {
  const next: Attributes = { ...sent };
  for (const key of ['userName', 'active', START_TERM_DATES, AUTH_METHOD]) {
    if (next[key] === undefined && stored[key] !== undefined) next[key] = stored[key];
  }
  return next;
}

function idOf(request: FastifyRequest): string {
  return (request.params as { id: string }).id;
}

function ifMatch(request: FastifyRequest): string | undefined {
  return request.headers['if-match'];
}

function sendUser(ctx: EmulatorContext, reply: FastifyReply, status: number, user: StoredUser, query?: Query) {
  const resource = toScimUser(user, ctx.baseUrl());
  reply.header('ETag', etagOf(user));
  if (status === 201) reply.header('Location', (resource.meta as { location: string }).location);
  const body = query
    ? projectAttributes(resource, param(query, 'attributes'), param(query, 'excludedAttributes'))
    : resource;
  return sendScim(reply, status, body);
}

function requireUser(ctx: EmulatorContext, id: string): StoredUser {
  const user = ctx.store.get(id);
  if (!user) throw notFound(`user ${id} not found`);
  return user;
}

/** `/Users`: list and filter, search, get, create, replace, patch, delete. */
export const usersRoutes: FastifyPluginAsync<ContextOptions> = async (app, { ctx }) => {
  app.get('/Users', async (request, reply) => {
    const query = request.query as Query;
    const body = list(ctx, {
      filter: param(query, 'filter'),
      startIndex: integer(param(query, 'startIndex'), 'startIndex'),
      count: integer(param(query, 'count'), 'count'),
      attributes: param(query, 'attributes'),
      excludedAttributes: param(query, 'excludedAttributes'),
    });
    return sendScim(reply, 200, body);
  });

  // RFC 7644 §3.4.3: the same query, in a body (for filters too long or too sensitive for a URL).
  app.post('/Users/.search', async (request, reply) => {
    const body = request.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || !Array.isArray(body.schemas) || !body.schemas.includes(SEARCH_REQUEST))
      throw badRequest('invalidSyntax', `schemas must be ["${SEARCH_REQUEST}"]`);
    if (body.filter !== undefined && typeof body.filter !== 'string')
      throw badRequest('invalidValue', 'filter must be a string');
    return sendScim(
      reply,
      200,
      list(ctx, {
        filter: body.filter,
        startIndex: integer(body.startIndex, 'startIndex'),
        count: integer(body.count, 'count'),
        attributes: attributeList(body.attributes, 'attributes'),
        excludedAttributes: attributeList(body.excludedAttributes, 'excludedAttributes'),
      }),
    );
  });

  app.get('/Users/:id', async (request, reply) => {
    const user = requireUser(ctx, idOf(request));
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch !== undefined && matchesVersion(user, ifNoneMatch))
      return reply.code(304).header('ETag', etagOf(user)).send();
    return sendUser(ctx, reply, 200, user, request.query as Query);
  });

  app.post('/Users', async (request, reply) => {
    const input = parseUserInput(request.body, { requireUserName: true });
    return sendUser(ctx, reply, 201, ctx.store.create(input));
  });

  app.put('/Users/:id', async (request, reply) => {
    const stored = requireUser(ctx, idOf(request));
    // Preconditions come before the request's own semantics (RFC 7232 §5).
    checkPrecondition(stored, ifMatch(request));
    const input = parseUserInput(request.body, {
      requireUserName: false,
      previousManagerId: managerIdOf(stored.attributes),
    });
    const attributes = putReplacement(stored.attributes, input.attributes);
    const user = ctx.store.replace(stored.id, { ...input, attributes }, ifMatch(request));
    return sendUser(ctx, reply, 200, user);
  });

  app.patch('/Users/:id', async (request, reply) => {
    const stored = requireUser(ctx, idOf(request));
    checkPrecondition(stored, ifMatch(request));
    const patched = applyPatch(toScimUser(stored, ctx.baseUrl()), request.body);
    const input = parseUserInput(patched, {
      requireUserName: true,
      previousManagerId: managerIdOf(stored.attributes),
    });
    const user = ctx.store.replace(stored.id, input, ifMatch(request));
    return sendUser(ctx, reply, 200, user);
  });

  app.delete('/Users/:id', async (request, reply) => {
    ctx.store.delete(idOf(request), ifMatch(request));
    return reply.code(204).send();
  });
};
