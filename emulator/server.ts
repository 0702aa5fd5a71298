/**
 * The Workplace emulator: a standalone HTTP server that behaves like Workplace's Account Management
 * API (SCIM 2.0), with claim links, fault injection and inspection endpoints for tests and demos.
 */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { bearerTokenCheck } from './bearer-token';
import type { EmulatorContext } from './context';
import { ScimError, scimErrorBody } from './errors';
import { FaultInjector } from './faults';
import { ADMIN_PREFIX, recordRequest } from './logging';
import { StorePersistence, readSnapshot } from './persistence';
import { sendScim } from './reply';
import { RequestLog, type RequestLogEntry } from './request-log';
import { metaOf } from './request-meta';
import { parseUserInput, toScimUser, type ScimUser } from './resource';
import { adminRoutes } from './routes/admin';
import { claimRoutes } from './routes/claim';
import { scimScope } from './scim-scope';
import { UserStore } from './store';

export type { RequestLogEntry } from './request-log';
export type { ActiveFaults, FaultConfigInput } from './faults';
export type { ScimUser } from './resource';
export { ScimError } from './errors';
export { FaultInjector } from './faults';
export { UserStore } from './store';

/** How to start the emulator. */
export interface EmulatorOptions {
  /** default '127.0.0.1' */
  host?: string;
  /** 0 = a random free port (the default) */
  port?: number;
  /** accepted bearer tokens; default ['dev-token'] */
  tokens?: string[];
  /** JSON file: loaded at start, saved on change, so that a restart keeps the users */
  persistFile?: string;
  /** base URL of claim links and meta.location; default http://host:port */
  publicUrl?: string;
  /** Fastify's logger; default off */
  logger?: boolean;
}

/** A started emulator. */
export interface RunningEmulator {
  /** base URL; SCIM resources live directly under it: `${url}/Users` */
  url: string;
  /** the first accepted token */
  token: string;
  /** the user store (for tests: inspect / seed) */
  store: UserStore;
  /** the fault injector (for tests: set / clear faults) */
  faults: FaultInjector;
  /** every request served, oldest first */
  requests(): RequestLogEntry[];
  /** creates a user from a SCIM body, validated exactly like `POST /Users` (throws a ScimError) */
  createUser(body: unknown): ScimUser;
  /** the served resource of a user, if it exists */
  user(id: string): ScimUser | undefined;
  close(): Promise<void>;
}

const isAdmin = (url: string) => url === ADMIN_PREFIX || url.startsWith(`${ADMIN_PREFIX}/`);

function buildServer(ctx: EmulatorContext, logger: boolean): FastifyInstance {
  const app = Fastify({ logger, routerOptions: { ignoreTrailingSlash: true } });

  // SCIM bodies come as application/scim+json or application/json (RFC 7644 §3.1); nothing else.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    ['application/json', 'application/scim+json'],
    { parseAs: 'string', bodyLimit: 1024 * 1024 },
    (_request, body, done) => {
      const text = typeof body === 'string' ? body : body.toString('utf8');
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch {
        done(new ScimError(400, 'invalidSyntax', 'the request body is not valid JSON'));
      }
    },
  );

  app.addHook('onRequest', async (request, reply) => {
    metaOf(request);
    // A client that gives up (a timeout) closes the connection before any response: Fastify then
    // never runs onResponse, but the request still reached Workplace and counts against its limit.
    reply.raw.once('close', () => {
      if (!reply.raw.writableFinished && !isAdmin(request.url)) recordRequest(ctx.log, request, 499);
    });
  });
  app.addHook('onResponse', async (request, reply) => {
    if (!isAdmin(request.url)) recordRequest(ctx.log, request, reply.statusCode);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const scim =
      error instanceof ScimError
        ? error
        : new ScimError(
            error.statusCode && error.statusCode < 500 ? error.statusCode : 500,
            undefined,
            error.statusCode && error.statusCode < 500 ? error.message : 'internal error',
          );
    if (scim.status >= 500) request.log.error({ err: error }, 'request failed');
    if (isAdmin(request.url)) return reply.code(scim.status).send({ error: scim.detail });
    return sendScim(reply, scim.status, scim.toBody());
  });

  app.setNotFoundHandler((request, reply) => {
    const detail = `no endpoint ${request.method} ${request.url.split('?')[0]}`;
    if (isAdmin(request.url)) return reply.code(404).send({ error: detail });
    return sendScim(reply, 404, scimErrorBody(404, detail));
  });

  void app.register(scimScope, { ctx });
  void app.register(claimRoutes, { ctx });
  void app.register(adminRoutes, { ctx, prefix: ADMIN_PREFIX });
  return app;
}

/** Starts an emulator and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? '127.0.0.1';
  const tokens = options.tokens && options.tokens.length > 0 ? options.tokens : ['dev-token'];
  const store = new UserStore();
  let persistence: StorePersistence | undefined;
  if (options.persistFile) {
    const snapshot = await readSnapshot(options.persistFile);
    if (snapshot) store.restore(snapshot);
    persistence = new StorePersistence(options.persistFile, store);
  }
  let baseUrl = options.publicUrl?.replace(/\/+$/, '');
  const ctx: EmulatorContext = {
    store,
    faults: new FaultInjector(),
    log: new RequestLog(),
    authorized: bearerTokenCheck(tokens),
    baseUrl: () => baseUrl ?? '',
  };
  const app = buildServer(ctx, options.logger ?? false);
  try {
    await app.listen({ host, port: options.port ?? 0 });
  } catch (err) {
    await persistence?.close();
    throw err;
  }
  const { port } = app.server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  baseUrl ??= url;
  let closing: Promise<void> | undefined;
  return {
    url,
    token: tokens[0]!,
    store,
    faults: ctx.faults,
    requests: () => ctx.log.entries(),
    createUser: (body) => toScimUser(store.create(parseUserInput(body, { requireUserName: true })), ctx.baseUrl()),
    user: (id) => {
      const stored = store.get(id);
      return stored && toScimUser(stored, ctx.baseUrl());
    },
    close: () =>
      (closing ??= (async () => {
        await app.close();
        await persistence?.close();
      })()),
  };
}
