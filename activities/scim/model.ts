/**
 * The profile-neutral user model: what Tenure reads from and writes to a SCIM directory, whatever
 * the wire dialect (Workplace's extensions or plain RFC 7643). Profiles map it to and from the wire.
 */

export type DirectoryAuthMethod = 'sso' | 'password';

/** The `name` complex attribute (RFC 7643 §4.1.1). */
export interface DirectoryUserName {
  givenName?: string;
  familyName?: string;
  formatted?: string;
}

/** One entry of the multi-valued `emails` attribute. */
export interface DirectoryEmail {
  value: string;
  type?: string;
  primary?: boolean;
}

/** Workplace's invite and claim state; only profiles with the `accountStatus` capability report it. */
export interface AccountStatus {
  invited: boolean;
  inviteDate?: Date;
  claimed: boolean;
  claimDate?: Date;
  claimLink?: string;
  /** Workplace's code for accounts without an e-mail address */
  accessCode?: string;
}

/** The resource metadata the service provider maintains (RFC 7643 §3.1). */
export interface ResourceMeta {
  resourceType?: string;
  created?: Date;
  lastModified?: Date;
  location?: string;
  /** the entity tag, usable as `ifMatch` */
  version?: string;
}

/** A user as the directory holds it. */
export interface DirectoryUser {
  /** the service provider's id (Workplace: its numeric user id, as a string) */
  id: string;
  externalId?: string;
  userName: string;
  /** RFC 7643 gives `active` no default; a resource without it is read as active */
  active: boolean;
  name: DirectoryUserName;
  displayName?: string;
  title?: string;
  locale?: string;
  preferredLanguage?: string;
  timezone?: string;
  emails?: DirectoryEmail[];
  employeeNumber?: string;
  department?: string;
  costCenter?: string;
  /** the manager's directory id (not their externalId) */
  managerId?: string;
  startDate?: Date;
  /** `null`: the directory says there is no termination date */
  termDate?: Date | null;
  /** undefined when the profile cannot tell (see `ScimCapabilities.accountStatus`) */
  accountStatus?: AccountStatus;
  authMethod?: DirectoryAuthMethod;
  meta?: ResourceMeta;
}

/**
 * What a client sends to create or replace a user. Read-only attributes (`id`, `meta`, the claim
 * state) are not part of it; `invited: true` asks the directory to send the invitation.
 */
export interface DirectoryUserInput {
  externalId?: string;
  userName: string;
  active?: boolean;
  name: DirectoryUserName;
  displayName?: string;
  title?: string;
  locale?: string;
  preferredLanguage?: string;
  timezone?: string;
  emails?: DirectoryEmail[];
  employeeNumber?: string;
  department?: string;
  costCenter?: string;
  managerId?: string;
  startDate?: Date;
  /** `null` clears the termination date */
  termDate?: Date | null;
  invited?: boolean;
  authMethod?: DirectoryAuthMethod;
}

/**
 * Changes to some attributes of a user, sent as one PATCH: a value replaces the attribute, `null`
 * removes it. `phoneNumbers` and `addresses` are not modelled; they can only be removed (a scrub).
 */
export type DirectoryUserChanges = {
  [K in Exclude<keyof DirectoryUserInput, 'userName' | 'name'>]?: DirectoryUserInput[K] | null;
} & {
  userName?: string;
  name?: DirectoryUserName;
  phoneNumbers?: null;
  addresses?: null;
};

/** A user to create: the `externalId` is required because it is what makes provisioning idempotent. */
export type NewDirectoryUser = DirectoryUserInput & { externalId: string };

/** One operation of a PatchOp request (RFC 7644 §3.5.2). */
export interface PatchOperation {
  op: 'add' | 'remove' | 'replace';
  path?: string;
  value?: unknown;
}

/** One page of a list or filter query (RFC 7644 §3.4.2). */
export interface ListPage<T> {
  totalResults: number;
  /** 1-based index of the first resource of this page */
  startIndex: number;
  itemsPerPage: number;
  resources: T[];
}

/**
 * The input that reproduces a user as read, minus read-only state: the base for a
 * read-modify-replace (PUT) that must not drop attributes.
 */
export function toDirectoryUserInput(user: DirectoryUser): DirectoryUserInput {
  const { id: _id, meta: _meta, accountStatus, ...rest } = user;
  return {
    ...rest,
    name: { ...user.name },
    ...(user.emails ? { emails: user.emails.map((email) => ({ ...email })) } : {}),
    ...(accountStatus ? { invited: accountStatus.invited } : {}),
  };
}
