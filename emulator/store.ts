/**
 * The user store: users by id, uniqueness of `userName` (case-insensitive) and `externalId`
 * (case-exact), ids that are never reused, and the invite → claim lifecycle.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { ScimError, badRequest, notFound } from './errors';
import {
  managerIdOf,
  withoutEmptyExtensions,
  type AccountStatus,
  type Attributes,
  type StoredUser,
  type UserInput,
} from './resource';

/** Workplace user ids are large numbers served as strings; the first id the emulator assigns. */
export const FIRST_USER_ID = 100_000_000_000_001;

/** What the store persists: enough to restart with the same users and continue the ids. */
export interface StoreSnapshot {
  nextId: number;
  users: StoredUser[];
}

/** The outcome of claiming an account. */
export type ClaimOutcome =
  | { result: 'claimed'; user: StoredUser }
  | { result: 'alreadyClaimed'; user: StoredUser }
  | { result: 'notFound' }
  | { result: 'notInvited'; user: StoredUser }
  | { result: 'inactive'; user: StoredUser };

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
const ACCESS_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** In-memory users with Workplace's rules; `onChange` fires after every mutation (for persistence). */
export class UserStore {
  private readonly users = new Map<string, StoredUser>();
  // Indexes keep filtered look-ups O(1) when a benchmark has provisioned many thousands of users.
  private readonly byUserName = new Map<string, string>();
  private readonly byExternalId = new Map<string, string>();
  private readonly byClaimToken = new Map<string, string>();
  private nextId = FIRST_USER_ID;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** Calls `listener` after every change; returns a function that removes it. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Every user, in creation order (ids ascend). */
  list(): StoredUser[] {
    return [...this.users.values()];
  }

  /** The user with this id, if any. */
  get(id: string): StoredUser | undefined {
    return this.users.get(id);
  }

  /** The user whose `userName` equals `userName` case-insensitively (RFC 7643: caseExact false). */
  findByUserName(userName: string): StoredUser | undefined {
    const id = this.byUserName.get(userName.toLowerCase());
    return id === undefined ? undefined : this.users.get(id);
  }

  /** The user whose `externalId` equals `externalId` exactly. */
  findByExternalId(externalId: string): StoredUser | undefined {
    const id = this.byExternalId.get(externalId);
    return id === undefined ? undefined : this.users.get(id);
  }

  /** Creates a user; 409 `uniqueness` on a taken `userName` or `externalId`, 400 on an unknown manager. */
  create(input: UserInput): StoredUser {
    const attributes = withoutEmptyExtensions({ ...input.attributes, active: input.attributes.active ?? true });
    this.check(attributes, undefined, undefined);
    const at = this.now();
    const user: StoredUser = {
      id: String(this.nextId++),
      created: at.toISOString(),
      lastModified: at.toISOString(),
      version: 1,
      attributes,
      status: { invited: false, claimed: false },
    };
    if (input.invited === true) this.invite(user.status, at);
    this.put(user);
    this.changed();
    return user;
  }

  /**
   * Replaces a user's client-managed attributes (the routes decide what a PUT or PATCH keeps).
   * `ifMatch`, when given, must be the user's current ETag or `*` (412 otherwise).
   */
  replace(id: string, input: UserInput, ifMatch?: string): StoredUser {
    const user = this.require(id);
    checkPrecondition(user, ifMatch);
    const attributes = withoutEmptyExtensions(input.attributes);
    this.check(attributes, id, managerIdOf(user.attributes));
    const at = this.now();
    const status: AccountStatus = { ...user.status };
    // An invitation cannot be withdrawn: `invited: false` on an invited account changes nothing.
    if (input.invited === true && !status.invited) this.invite(status, at);
    const updated: StoredUser = {
      ...user,
      attributes,
      status,
      lastModified: at.toISOString(),
      version: user.version + 1,
    };
    this.put(updated);
    this.changed();
    return updated;
  }

  /** Deletes a never-claimed user; 404 when unknown, 412 when the account was ever claimed (Workplace's rule). */
  delete(id: string, ifMatch?: string): void {
    const user = this.require(id);
    checkPrecondition(user, ifMatch);
    if (user.status.claimed)
      throw new ScimError(
        412,
        undefined,
        `user ${id} has claimed the account: only never-claimed accounts can be deleted`,
      );
    this.unindex(user);
    this.users.delete(id);
    this.changed();
  }

  /**
   * What an administrator does in Workplace's Admin Panel (outside SCIM): deletes an account,
   * claimed or not, once it is deactivated.
   */
  deleteAsAdministrator(id: string): void {
    const user = this.require(id);
    if (user.attributes.active !== false) {
      throw new ScimError(412, undefined, `user ${id} is active: deactivate the account before deleting it`);
    }
    this.unindex(user);
    this.users.delete(id);
    this.changed();
  }

  /** Claims the account whose claim link holds `token`. */
  claimByToken(token: string): ClaimOutcome {
    const id = this.byClaimToken.get(token);
    return id === undefined ? { result: 'notFound' } : this.claim(id);
  }

  /** Claims an account: only an invited, active account can be claimed; claiming twice changes nothing. */
  claim(id: string): ClaimOutcome {
    const user = this.users.get(id);
    if (!user) return { result: 'notFound' };
    if (user.attributes.active === false) return { result: 'inactive', user };
    if (user.status.claimed) return { result: 'alreadyClaimed', user };
    if (!user.status.invited) return { result: 'notInvited', user };
    const at = this.now();
    const updated: StoredUser = {
      ...user,
      status: { ...user.status, claimed: true, claimDate: epochSeconds(at) },
      lastModified: at.toISOString(),
      version: user.version + 1,
    };
    this.put(updated);
    this.changed();
    return { result: 'claimed', user: updated };
  }

  /** Removes every user; ids continue from where they were, so none is ever reused. */
  clear(): void {
    this.users.clear();
    this.byUserName.clear();
    this.byExternalId.clear();
    this.byClaimToken.clear();
    this.changed();
  }

  /** The persisted form of the store. */
  snapshot(): StoreSnapshot {
    return { nextId: this.nextId, users: this.list() };
  }

  /** Replaces the store's content with a snapshot (at start-up). */
  restore(snapshot: StoreSnapshot): void {
    this.clear();
    for (const user of snapshot.users) this.put(user);
    const highest = Math.max(FIRST_USER_ID - 1, ...snapshot.users.map((u) => Number(u.id)));
    this.nextId = Math.max(snapshot.nextId, highest + 1);
  }

  private put(user: StoredUser): void {
    const previous = this.users.get(user.id);
    if (previous) this.unindex(previous);
    this.users.set(user.id, user);
    const { userName, externalId } = user.attributes;
    if (typeof userName === 'string') this.byUserName.set(userName.toLowerCase(), user.id);
    if (typeof externalId === 'string') this.byExternalId.set(externalId, user.id);
    if (user.status.claimToken !== undefined) this.byClaimToken.set(user.status.claimToken, user.id);
  }

  private unindex(user: StoredUser): void {
    const { userName, externalId } = user.attributes;
    if (typeof userName === 'string') this.byUserName.delete(userName.toLowerCase());
    if (typeof externalId === 'string') this.byExternalId.delete(externalId);
    if (user.status.claimToken !== undefined) this.byClaimToken.delete(user.status.claimToken);
  }

  private require(id: string): StoredUser {
    const user = this.users.get(id);
    if (!user) throw notFound(`user ${id} not found`);
    return user;
  }

  private check(attributes: Attributes, selfId: string | undefined, previousManagerId: string | undefined): void {
    const { userName, externalId } = attributes;
    if (typeof userName === 'string') {
      const other = this.findByUserName(userName);
      if (other && other.id !== selfId)
        throw new ScimError(409, 'uniqueness', `userName "${userName}" is already taken`);
    }
    if (typeof externalId === 'string') {
      const other = this.findByExternalId(externalId);
      if (other && other.id !== selfId)
        throw new ScimError(409, 'uniqueness', `externalId "${externalId}" is already taken`);
    }
    // Only a new manager is checked: a manager deleted since must not block unrelated changes.
    const managerId = managerIdOf(attributes);
    if (managerId !== undefined && managerId !== previousManagerId && !this.users.has(managerId))
      throw badRequest('invalidValue', `manager ${managerId} is not a user`);
  }

  private invite(status: AccountStatus, at: Date): void {
    status.invited = true;
    status.inviteDate = epochSeconds(at);
    status.claimToken = randomBytes(24).toString('base64url');
    status.accessCode = Array.from(
      { length: 8 },
      () => ACCESS_CODE_ALPHABET[randomInt(ACCESS_CODE_ALPHABET.length)],
    ).join('');
  }
}

/** Whether an If-Match / If-None-Match header names the user's current version (weak comparison, RFC 7232 §2.3.2). */
export function matchesVersion(user: Pick<StoredUser, 'version'>, header: string): boolean {
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || strip(tag) === `"${user.version}"`);
}

/** Throws 412 unless `ifMatch` is absent or names the user's current version. */
export function checkPrecondition(user: StoredUser, ifMatch: string | undefined): void {
  if (ifMatch === undefined || matchesVersion(user, ifMatch)) return;
  throw new ScimError(412, undefined, `If-Match ${ifMatch} does not match the current version W/"${user.version}"`);
}
