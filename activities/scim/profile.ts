/**
 * A profile maps the neutral model to and from one SCIM dialect. The dialects differ only in
 * configuration (which extensions exist, the manager's key, how PATCH paths are written), so one
 * mapping serves them all.
 */
import type {
  AccountStatus,
  DirectoryEmail,
  DirectoryUser,
  DirectoryUserChanges,
  DirectoryUserInput,
  PatchOperation,
  ResourceMeta,
} from './model';
import { SCHEMAS } from './schemas';
import {
  asDate,
  asString,
  attribute,
  booleanAttribute,
  compact,
  isNoDate,
  isWireObject,
  objectAttribute,
  stringAttribute,
  toEpochSeconds,
  WireFormatError,
  type WireObject,
} from './wire';

export type ScimProfileName = 'workplace' | 'scim2';

/** What the directory behind a profile can do beyond plain user records. */
export interface ScimCapabilities {
  /** invite and claim state is readable (`DirectoryUser.accountStatus`) */
  accountStatus: boolean;
  /** `invited: true` (on create, replace or `inviteUser`) makes the directory send the invitation */
  invite: boolean;
  /** `startDate` and `termDate` are stored */
  startTermDates: boolean;
  /** `authMethod` is stored */
  authMethod: boolean;
  /**
   * a claimed account can be deleted through the API (plain SCIM 2.0); Workplace deletes only
   * accounts never claimed and answers 412 for the others, which an administrator must delete
   */
  deleteClaimed: boolean;
}

/** The configuration of a dialect. */
export interface ScimProfileSpec {
  name: ScimProfileName;
  /** Workplace's extension schemas (start/term dates, account status, auth method) are spoken */
  workplaceExtensions: boolean;
  /** the key of the manager's id in the enterprise `manager` attribute: Workplace's own or RFC 7643's */
  managerKey: 'managerId' | 'value';
  /** PATCH paths of core attributes carry the core schema URN, as Workplace's documentation shows */
  qualifiedCorePaths: boolean;
  /**
   * How `locale` and `preferredLanguage` are written: as given (`en_US`, Workplace's form), or as
   * the BCP 47 language tags RFC 7643 §4.1.1 asks for (`en-US`).
   */
  languageTags: 'as-given' | 'bcp47';
}

/** `en_US` → `en-US`, canonicalised; a value that is no language tag is sent as given, for the server to judge. */
export function bcp47(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale.replace(/_/g, '-'))[0] ?? locale;
  } catch {
    return locale;
  }
}

/** Maps neutral users to wire resources and back for one dialect. */
export class ScimProfile {
  readonly name: ScimProfileName;
  readonly capabilities: Readonly<ScimCapabilities>;

  constructor(private readonly spec: ScimProfileSpec) {
    this.name = spec.name;
    this.capabilities = Object.freeze({
      accountStatus: spec.workplaceExtensions,
      invite: spec.workplaceExtensions,
      startTermDates: spec.workplaceExtensions,
      authMethod: spec.workplaceExtensions,
      deleteClaimed: !spec.workplaceExtensions,
    });
  }

  /** The PATCH path of a core User attribute, like `active`. */
  corePath(attributeName: string): string {
    return this.spec.qualifiedCorePaths ? `${SCHEMAS.user}:${attributeName}` : attributeName;
  }

  /** The PATCH path of Workplace's `invited` flag; only for profiles with the `invite` capability. */
  get invitedPath(): string {
    return `${SCHEMAS.workplaceAccountStatus}:invited`;
  }

  /**
   * The wire resource for a create (POST) or replace (PUT). Attributes the profile cannot express
   * are left out; the client refuses an invite the profile cannot make before calling this.
   */
  toResource(user: DirectoryUserInput): WireObject {
    const schemas: string[] = [SCHEMAS.user];
    const resource: WireObject = compact({
      schemas,
      externalId: user.externalId,
      userName: user.userName,
      // Sent even when unset: a PUT that omits it may clear it, and a new account is meant to be usable.
      active: user.active ?? true,
      name: compact({ ...user.name }),
      displayName: user.displayName,
      title: user.title,
      locale: this.languageTag(user.locale),
      preferredLanguage: this.languageTag(user.preferredLanguage),
      timezone: user.timezone,
      emails: user.emails?.map((email) => compact({ ...email })),
    });

    const extend = (schema: string, block: WireObject) => {
      const compacted = compact(block);
      if (Object.keys(compacted).length === 0) return;
      schemas.push(schema);
      resource[schema] = compacted;
    };

    extend(SCHEMAS.enterpriseUser, {
      employeeNumber: user.employeeNumber,
      department: user.department,
      costCenter: user.costCenter,
      manager: user.managerId === undefined ? undefined : { [this.spec.managerKey]: user.managerId },
    });
    if (this.spec.workplaceExtensions) {
      extend(SCHEMAS.workplaceStartTermDates, {
        startDate: user.startDate && toEpochSeconds(user.startDate),
        // Workplace reads 0 as "no termination date".
        termDate: user.termDate === null ? 0 : user.termDate && toEpochSeconds(user.termDate),
      });
      extend(SCHEMAS.workplaceAccountStatus, { invited: user.invited });
      extend(SCHEMAS.workplaceAuthMethod, { authMethod: user.authMethod });
    }
    return resource;
  }

  private languageTag(value: string | undefined): string | undefined {
    return value === undefined || this.spec.languageTags === 'as-given' ? value : bcp47(value);
  }

  /**
   * The PatchOp operations for a set of changes: one `replace` (or `remove`, for `null`) per
   * attribute, each with its full path — the form Workplace's documentation confirms — so that a
   * few attributes change in one request without reading the user first. Attributes the dialect
   * cannot express are left out, as in `toResource`.
   */
  patchOperations(changes: DirectoryUserChanges): PatchOperation[] {
    const ops: PatchOperation[] = [];
    const put = (path: string, value: unknown) =>
      ops.push(value === null ? { op: 'remove', path } : { op: 'replace', path, value });
    const core = (name: string) => this.corePath(name);
    const enterprise = (name: string) => `${SCHEMAS.enterpriseUser}:${name}`;
    for (const [key, value] of Object.entries(changes) as [keyof DirectoryUserChanges, unknown][]) {
      if (value === undefined) continue;
      switch (key) {
        case 'name':
          put(core('name'), compact({ ...(value as DirectoryUserInput['name']) }));
          break;
        case 'emails':
          put(core('emails'), value === null ? null : (value as DirectoryEmail[]).map((e) => compact({ ...e })));
          break;
        case 'employeeNumber':
        case 'department':
        case 'costCenter':
          put(enterprise(key), value);
          break;
        case 'managerId':
          put(enterprise('manager'), value === null ? null : { [this.spec.managerKey]: value });
          break;
        case 'startDate':
        case 'termDate':
          if (!this.spec.workplaceExtensions) break;
          // Workplace reads termDate 0 as "no termination date".
          put(
            `${SCHEMAS.workplaceStartTermDates}:${key}`,
            value === null ? (key === 'termDate' ? 0 : null) : toEpochSeconds(value as Date),
          );
          break;
        case 'invited':
          if (this.spec.workplaceExtensions) put(this.invitedPath, value);
          break;
        case 'locale':
        case 'preferredLanguage':
          put(core(key), value === null ? null : this.languageTag(value as string));
          break;
        case 'authMethod':
          if (this.spec.workplaceExtensions) put(`${SCHEMAS.workplaceAuthMethod}:authMethod`, value);
          break;
        default:
          put(core(key), value);
      }
    }
    return ops;
  }

  /** The neutral user of a wire resource; throws `WireFormatError` when it is not a User. */
  fromResource(resource: unknown): DirectoryUser {
    if (!isWireObject(resource)) throw new WireFormatError('the resource is not a JSON object');
    const id = stringAttribute(resource, 'id');
    if (!id) throw new WireFormatError('the resource has no id');
    const userName = stringAttribute(resource, 'userName');
    if (!userName) throw new WireFormatError('the resource has no userName');

    const name = objectAttribute(resource, 'name');
    const enterprise = objectAttribute(resource, SCHEMAS.enterpriseUser);
    const user: DirectoryUser = {
      id,
      userName,
      active: booleanAttribute(resource, 'active') ?? true,
      name: compact({
        givenName: stringAttribute(name, 'givenName'),
        familyName: stringAttribute(name, 'familyName'),
        formatted: stringAttribute(name, 'formatted'),
      }),
      ...compact({
        externalId: stringAttribute(resource, 'externalId'),
        displayName: stringAttribute(resource, 'displayName'),
        title: stringAttribute(resource, 'title'),
        locale: stringAttribute(resource, 'locale'),
        preferredLanguage: stringAttribute(resource, 'preferredLanguage'),
        timezone: stringAttribute(resource, 'timezone'),
        emails: readEmails(attribute(resource, 'emails')),
        employeeNumber: stringAttribute(enterprise, 'employeeNumber'),
        department: stringAttribute(enterprise, 'department'),
        costCenter: stringAttribute(enterprise, 'costCenter'),
        managerId: this.readManagerId(objectAttribute(enterprise, 'manager')),
        meta: readMeta(objectAttribute(resource, 'meta')),
      }),
    };
    if (this.spec.workplaceExtensions) Object.assign(user, readWorkplaceExtensions(resource));
    return user;
  }

  private readManagerId(manager: WireObject | undefined): string | undefined {
    // Either key is read in both dialects: a directory that answers in the other one is still understood.
    const other = this.spec.managerKey === 'managerId' ? 'value' : 'managerId';
    return stringAttribute(manager, this.spec.managerKey) ?? stringAttribute(manager, other);
  }
}

function readEmails(value: unknown): DirectoryEmail[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const emails = value.filter(isWireObject).flatMap((entry) => {
    const address = stringAttribute(entry, 'value');
    if (address === undefined) return [];
    return [
      compact<DirectoryEmail>({
        value: address,
        type: stringAttribute(entry, 'type'),
        primary: booleanAttribute(entry, 'primary'),
      }),
    ];
  });
  return emails.length > 0 ? emails : undefined;
}

function readMeta(meta: WireObject | undefined): ResourceMeta | undefined {
  if (meta === undefined) return undefined;
  return compact<ResourceMeta>({
    resourceType: stringAttribute(meta, 'resourceType'),
    created: asDate(attribute(meta, 'created')),
    lastModified: asDate(attribute(meta, 'lastModified')),
    location: stringAttribute(meta, 'location'),
    version: stringAttribute(meta, 'version'),
  });
}

function readWorkplaceExtensions(
  resource: WireObject,
): Pick<DirectoryUser, 'startDate' | 'termDate' | 'accountStatus' | 'authMethod'> {
  const dates = objectAttribute(resource, SCHEMAS.workplaceStartTermDates);
  const status = objectAttribute(resource, SCHEMAS.workplaceAccountStatus);
  const startDate = attribute(dates, 'startDate');
  const termDate = attribute(dates, 'termDate');
  const authMethod = stringAttribute(objectAttribute(resource, SCHEMAS.workplaceAuthMethod), 'authMethod');
  return compact({
    startDate: isNoDate(startDate) ? undefined : asDate(startDate),
    termDate: termDate === undefined ? undefined : isNoDate(termDate) ? null : asDate(termDate),
    accountStatus: status && readAccountStatus(status),
    authMethod: authMethod === 'sso' || authMethod === 'password' ? authMethod : undefined,
  });
}

function readAccountStatus(status: WireObject): AccountStatus {
  const date = (name: string) => {
    const value = attribute(status, name);
    return isNoDate(value) ? undefined : asDate(value);
  };
  return compact<AccountStatus>({
    invited: booleanAttribute(status, 'invited') ?? false,
    inviteDate: date('inviteDate'),
    claimed: booleanAttribute(status, 'claimed') ?? false,
    claimDate: date('claimDate'),
    claimLink: asString(attribute(status, 'claimLink')) || undefined,
    accessCode: asString(attribute(status, 'accessCode')) || undefined,
  });
}
