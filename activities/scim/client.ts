/**
 * A SCIM 2.0 client for the Users endpoint of Workplace's Account Management API or any RFC
 * 7643/7644 service provider. No Temporal in here: activities wrap it, and map its errors.
 */
import { inspect } from 'node:util';
import { ScimUnexpectedResponseError, ScimUnsupportedError, type ScimErrorContext } from './errors';
import { eqFilter } from './filter';
import { ScimHttp, type ScimLogger, type ScimRequest, type ScimResponse } from './http';
import type {
  DirectoryUser,
  DirectoryUserChanges,
  DirectoryUserInput,
  ListPage,
  NewDirectoryUser,
  PatchOperation,
} from './model';
import type { ScimCapabilities, ScimProfile, ScimProfileName } from './profile';
import { profileFor } from './profiles';
import { SCHEMAS } from './schemas';
import { attribute, countAttribute, isWireObject, WireFormatError } from './wire';

export interface ScimClientOptions {
  /** the service provider's base URL; `Users` lives directly under it */
  baseUrl: string;
  /** the bearer token; kept out of every log, error and serialisation */
  token: string;
  /** the dialect; default `workplace` */
  profile?: ScimProfileName | ScimProfile;
  userAgent?: string;
  /** per request; default 10 s */
  timeoutMs?: number;
  logger?: ScimLogger;
  /** pace requests: at most this many in any second, evenly spread; default unpaced */
  maxRequestsPerSecond?: number;
}

/** Per-call options: the caller's cancellation signal (e.g. the activity's). */
export interface CallOptions {
  signal?: AbortSignal;
}

/** Per-call options of writes: optimistic concurrency with the version read in `meta.version`. */
export interface WriteOptions extends CallOptions {
  ifMatch?: string;
}

const USERS = '/Users';
const DEFAULT_PAGE_SIZE = 100;

/**
 * Drives the Users resource of one SCIM service provider. Each call makes exactly one HTTP request
 * (`listAllUsers` one per page) and never retries: the activity's retry policy does that.
 */
export class ScimClient {
  readonly profile: ScimProfile;
  readonly #http: ScimHttp;

  constructor(options: ScimClientOptions) {
    const profile = options.profile ?? 'workplace';
    this.profile = typeof profile === 'string' ? profileFor(profile) : profile;
    this.#http = new ScimHttp(options);
  }

  /** What the profile's directory supports beyond plain user records (account status, invites, …). */
  get capabilities(): Readonly<ScimCapabilities> {
    return this.profile.capabilities;
  }

  get baseUrl(): string {
    return this.#http.baseUrl;
  }

  /** The user whose `externalId` (Tenure's employee id) is exactly `externalId`, or undefined. */
  async findByExternalId(externalId: string, options?: CallOptions): Promise<DirectoryUser | undefined> {
    // externalId is case-exact (RFC 7643 §3.1).
    return this.findOne('externalId', externalId, (user) => user.externalId === externalId, options);
  }

  /** The user whose `userName` is `userName`, compared case-insensitively as RFC 7643 §4.1.1 says, or undefined. */
  async findByUserName(userName: string, options?: CallOptions): Promise<DirectoryUser | undefined> {
    const wanted = userName.toLowerCase();
    return this.findOne('userName', userName, (user) => user.userName.toLowerCase() === wanted, options);
  }

  /** The user with this directory id; `ScimNotFoundError` when there is none. */
  async getUser(id: string, options?: CallOptions): Promise<DirectoryUser> {
    const request: ScimRequest = { method: 'GET', path: userPath(id), ...options };
    return this.readUser(request, await this.#http.send(request));
  }

  /**
   * Creates a user (POST); `ScimConflictError` when one with the same `userName` or `externalId`
   * exists, which after a retried create means the first attempt succeeded.
   */
  async createUser(user: NewDirectoryUser, options?: CallOptions): Promise<DirectoryUser> {
    const request: ScimRequest = { method: 'POST', path: USERS, ...options };
    this.refuseUnsupportedInvite(request, user);
    request.body = this.profile.toResource(user);
    return this.readUser(request, await this.#http.send(request));
  }

  /**
   * Replaces a user (PUT). Attributes missing from `user` may be cleared by the directory: start
   * from `toDirectoryUserInput(await getUser(id))` to change a few.
   */
  async replaceUser(id: string, user: DirectoryUserInput, options?: WriteOptions): Promise<DirectoryUser> {
    const request: ScimRequest = { method: 'PUT', path: userPath(id), ...options };
    this.refuseUnsupportedInvite(request, user);
    request.body = this.profile.toResource(user);
    return this.readUser(request, await this.#http.send(request));
  }

  /**
   * Applies PatchOp operations (RFC 7644 §3.5.2). Resolves with the user when the directory returns
   * it (200), or undefined when it answers 204 No Content.
   */
  async patchUser(
    id: string,
    operations: PatchOperation[],
    options?: WriteOptions,
  ): Promise<DirectoryUser | undefined> {
    const request: ScimRequest = {
      method: 'PATCH',
      path: userPath(id),
      body: { schemas: [SCHEMAS.patchOp], Operations: operations },
      ...options,
    };
    const response = await this.#http.send(request);
    return response.body === undefined ? undefined : this.readUser(request, response);
  }

  /**
   * Changes some attributes in one PATCH (no read first): values replace, `null` removes. Safe to
   * repeat, so an activity retry after a lost response changes nothing more.
   */
  async updateUser(
    id: string,
    changes: DirectoryUserChanges,
    options?: WriteOptions,
  ): Promise<DirectoryUser | undefined> {
    this.refuseUnsupportedInvite({ method: 'PATCH', path: userPath(id) }, changes);
    return this.patchUser(id, this.profile.patchOperations(changes), options);
  }

  /**
   * Activates or deactivates a user whatever its current state. A PATCH `replace` of `active` alone,
   * not a PUT: it needs no read first, cannot clear other attributes, and is idempotent — the same
   * request applied twice leaves the same state, which is what an activity retry needs.
   */
  async setActive(id: string, active: boolean, options?: WriteOptions): Promise<DirectoryUser | undefined> {
    return this.patchUser(id, [{ op: 'replace', path: this.profile.corePath('active'), value: active }], options);
  }

  /**
   * Makes the directory send the invitation (Workplace: `accountstatusdetails.invited = true`).
   * `ScimUnsupportedError`, without a request, when the profile cannot invite (`capabilities.invite`).
   */
  async inviteUser(id: string, options?: WriteOptions): Promise<DirectoryUser | undefined> {
    this.refuseUnsupportedInvite({ method: 'PATCH', path: userPath(id) }, { invited: true });
    return this.patchUser(id, [{ op: 'replace', path: this.profile.invitedPath, value: true }], options);
  }

  /**
   * Deletes a user. `ScimNotFoundError` when it is already gone; `ScimPreconditionFailedError` from
   * Workplace for an account that was claimed (only an administrator can delete those).
   */
  async deleteUser(id: string, options?: WriteOptions): Promise<void> {
    await this.#http.send({ method: 'DELETE', path: userPath(id), ...options });
  }

  /** One page of users; `startIndex` is 1-based (RFC 7644 §3.4.2.4). */
  async listUsers(
    { startIndex = 1, count = DEFAULT_PAGE_SIZE }: { startIndex?: number; count?: number } = {},
    options?: CallOptions,
  ): Promise<ListPage<DirectoryUser>> {
    return this.query({ startIndex, count }, options);
  }

  /**
   * Every user, page after page, until `totalResults` is reached. Advances by the number of users
   * each page actually held (servers may return fewer than asked) and stops at an empty page, so a
   * server that miscounts cannot make it loop for ever.
   */
  async *listAllUsers(
    { pageSize = DEFAULT_PAGE_SIZE }: { pageSize?: number } = {},
    options?: CallOptions,
  ): AsyncGenerator<DirectoryUser, void, undefined> {
    let startIndex = 1;
    for (;;) {
      const page = await this.listUsers({ startIndex, count: pageSize }, options);
      if (page.resources.length === 0) return;
      yield* page.resources;
      startIndex += page.resources.length;
      if (startIndex > page.totalResults) return;
    }
  }

  /**
   * The cheapest authenticated call (`GET /Users?count=1`): keeps a Workplace integration from
   * being switched off after 60 days without calls, and proves the URL and token work.
   */
  async ping(options?: CallOptions): Promise<void> {
    await this.#http.send({ method: 'GET', path: USERS, query: { count: 1 }, ...options });
  }

  /** No token here, whatever serialises the client. */
  toJSON(): Record<string, unknown> {
    return { ...this.#http.toJSON(), profile: this.profile.name };
  }

  [inspect.custom](): string {
    return `ScimClient ${JSON.stringify(this.toJSON())}`;
  }

  private async findOne(
    attributeName: 'externalId' | 'userName',
    value: string,
    matches: (user: DirectoryUser) => boolean,
    options: CallOptions | undefined,
  ): Promise<DirectoryUser | undefined> {
    const page = await this.query({ filter: eqFilter(attributeName, value) }, options);
    // Checked again here: a server that ignores or loosens the filter must not hand back someone else.
    const found = page.resources.filter(matches);
    if (found.length > 1)
      throw unexpected(
        { method: 'GET', path: USERS, status: 200 },
        `${found.length} users of the same ${attributeName}`,
      );
    return found[0];
  }

  private async query(
    query: { filter?: string; startIndex?: number; count?: number },
    options: CallOptions | undefined,
  ): Promise<ListPage<DirectoryUser>> {
    const request: ScimRequest = { method: 'GET', path: USERS, query, ...options };
    const { status, body } = await this.#http.send(request);
    const context = { method: request.method, path: request.path, status };
    if (!isWireObject(body)) throw unexpected(context, 'a list response that is not a JSON object');
    const totalResults = countAttribute(body, 'totalResults');
    if (totalResults === undefined) throw unexpected(context, 'a list response without totalResults');
    // RFC 7644 §3.4.2: `Resources` may be left out when there are none.
    const resources = attribute(body, 'Resources') ?? [];
    if (!Array.isArray(resources)) throw unexpected(context, 'a list response whose Resources is not an array');
    return {
      totalResults,
      startIndex: countAttribute(body, 'startIndex') ?? query.startIndex ?? 1,
      itemsPerPage: countAttribute(body, 'itemsPerPage') ?? resources.length,
      resources: resources.map((resource: unknown) => this.readUser(request, { status, body: resource })),
    };
  }

  private readUser(request: ScimRequest, { status, body }: ScimResponse): DirectoryUser {
    const context = { method: request.method, path: request.path, status };
    if (body === undefined) throw unexpected(context, 'no body where a User was expected');
    try {
      return this.profile.fromResource(body);
    } catch (error) {
      if (error instanceof WireFormatError) throw unexpected(context, `a User that cannot be read: ${error.message}`);
      throw error;
    }
  }

  private refuseUnsupportedInvite(
    request: Pick<ScimRequest, 'method' | 'path'>,
    user: { invited?: boolean | null },
  ): void {
    if (user.invited && !this.capabilities.invite)
      throw new ScimUnsupportedError(
        `the ${this.profile.name} profile cannot invite users through SCIM; nothing was sent`,
        { method: request.method, path: request.path },
      );
  }
}

function userPath(id: string): string {
  if (id === '') throw new TypeError('a SCIM user id cannot be empty');
  return `${USERS}/${encodeURIComponent(id)}`;
}

function unexpected(context: ScimErrorContext, what: string): ScimUnexpectedResponseError {
  return new ScimUnexpectedResponseError(
    `SCIM ${context.method} ${context.path} answered ${context.status} with ${what}`,
    context,
  );
}
