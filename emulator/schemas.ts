/**
 * The SCIM schemas the emulator serves: URNs and attribute definitions (RFC 7643 §7 form). One
 * definition drives the `/Schemas` endpoint, input validation and PATCH path resolution, so what the
 * emulator advertises is exactly what it enforces.
 */

export const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const START_TERM_DATES = 'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User';
export const ACCOUNT_STATUS = 'urn:ietf:params:scim:schemas:extension:facebook:accountstatusdetails:2.0:User';
export const AUTH_METHOD = 'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User';

export const ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const LIST_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const SERVICE_PROVIDER_CONFIG_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export const RESOURCE_TYPE_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SCHEMA_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

/** The extension URNs, in the order they appear in a resource's `schemas`. */
export const EXTENSIONS = [ENTERPRISE_USER, START_TERM_DATES, ACCOUNT_STATUS, AUTH_METHOD] as const;
export type ExtensionUrn = (typeof EXTENSIONS)[number];

export type AttributeType = 'string' | 'boolean' | 'integer' | 'decimal' | 'dateTime' | 'reference' | 'complex';
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';

/** One attribute definition, as RFC 7643 §7 describes it. */
export interface AttributeDef {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: 'always' | 'never' | 'default' | 'request';
  uniqueness: 'none' | 'server' | 'global';
  canonicalValues?: string[];
  referenceTypes?: string[];
  subAttributes?: AttributeDef[];
}

/** One schema definition, as served by `/Schemas`. */
export interface SchemaDef {
  id: string;
  name: string;
  description: string;
  attributes: AttributeDef[];
}

type AttrOptions = Partial<Omit<AttributeDef, 'name' | 'type' | 'description'>>;

function attr(name: string, type: AttributeType, description: string, options: AttrOptions = {}): AttributeDef {
  return {
    name,
    type,
    multiValued: false,
    description,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

const str = (name: string, description: string, options?: AttrOptions) => attr(name, 'string', description, options);

/** `type`, `primary`, `display`, `value`: the sub-attributes RFC 7643 gives most multi-valued attributes. */
function multiValued(
  name: string,
  description: string,
  types: string[],
  valueOptions: AttrOptions = {},
  extra: AttributeDef[] = [],
): AttributeDef {
  return attr(name, 'complex', description, {
    multiValued: true,
    subAttributes: [
      str('value', `The value of the ${name} entry.`, valueOptions),
      str('display', 'A human-readable name, primarily used for display purposes.'),
      str('type', 'A label indicating the function of the entry.', { canonicalValues: types }),
      attr('primary', 'boolean', 'Whether this is the preferred entry; at most one entry is primary.'),
      ...extra,
    ],
  });
}

const coreUser: SchemaDef = {
  id: CORE_USER,
  name: 'User',
  description: 'User Account',
  attributes: [
    str('userName', 'Unique identifier for the User: on Workplace, the work e-mail address.', {
      required: true,
      uniqueness: 'server',
    }),
    attr('name', 'complex', "The components of the user's real name.", {
      subAttributes: [
        str('formatted', 'The full name, formatted for display.'),
        str('familyName', 'The family name of the User.'),
        str('givenName', 'The given name of the User.'),
        str('middleName', 'The middle name(s) of the User.'),
        str('honorificPrefix', 'The honorific prefix(es) of the User.'),
        str('honorificSuffix', 'The honorific suffix(es) of the User.'),
      ],
    }),
    str('displayName', 'The name of the User, suitable for display to end-users.'),
    str('nickName', 'The casual way to address the user.'),
    attr('profileUrl', 'reference', "A URI pointing to the User's online profile.", { referenceTypes: ['external'] }),
    str('title', "The user's title, such as 'Vice President'."),
    str('userType', 'The relationship between the organization and the user.'),
    str('preferredLanguage', "The User's preferred written or spoken language, like en_US."),
    str('locale', "The User's default location, like en_US."),
    str('timezone', "The User's time zone in IANA format, like America/Los_Angeles."),
    attr('active', 'boolean', "The User's administrative status: false means deactivated."),
    str('password', 'Accepted and discarded: Workplace users sign in with SSO or their own password.', {
      mutability: 'writeOnly',
      returned: 'never',
    }),
    multiValued('emails', 'E-mail addresses for the user.', ['work', 'home', 'other']),
    multiValued('phoneNumbers', 'Phone numbers for the User.', ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
    multiValued('ims', 'Instant messaging addresses for the User.', ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype']),
    multiValued('photos', 'URLs of photos of the User.', ['photo', 'thumbnail']),
    attr('addresses', 'complex', 'A physical mailing address for this User.', {
      multiValued: true,
      subAttributes: [
        str('formatted', 'The full mailing address, formatted for display.'),
        str('streetAddress', 'The full street address component.'),
        str('locality', 'The city or locality component.'),
        str('region', 'The state or region component.'),
        str('postalCode', 'The zip code or postal code component.'),
        str('country', 'The country name component.'),
        str('type', 'A label indicating the function of the address.', { canonicalValues: ['work', 'home', 'other'] }),
        attr('primary', 'boolean', 'Whether this is the preferred address.'),
      ],
    }),
    attr('groups', 'complex', 'Groups the user belongs to; not managed by this service.', {
      multiValued: true,
      mutability: 'readOnly',
      subAttributes: [
        str('value', 'The identifier of the group.', { mutability: 'readOnly' }),
        attr('$ref', 'reference', 'The URI of the group.', { mutability: 'readOnly', referenceTypes: ['Group'] }),
        str('display', 'A human-readable name of the group.', { mutability: 'readOnly' }),
        str('type', 'direct or indirect.', { mutability: 'readOnly', canonicalValues: ['direct', 'indirect'] }),
      ],
    }),
    multiValued('entitlements', 'A list of entitlements for the User.', []),
    multiValued('roles', 'A list of roles for the User.', []),
    multiValued('x509Certificates', 'A list of certificates issued to the User.', [], {}),
  ],
};

const enterpriseUser: SchemaDef = {
  id: ENTERPRISE_USER,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    str('employeeNumber', 'A string identifier, typically numeric or alphanumeric, assigned to a person.'),
    str('costCenter', 'Identifies the name of a cost center.'),
    str('organization', 'Identifies the name of an organization.'),
    str('division', 'Identifies the name of a division.'),
    str('department', 'Identifies the name of a department.'),
    attr('manager', 'complex', "The User's manager; Workplace names the manager's user id `managerId`.", {
      subAttributes: [
        str('managerId', "Workplace's key: the id of the manager's Workplace user."),
        str('value', "The id of the manager's User resource (RFC 7643); the same id as managerId."),
        attr('$ref', 'reference', "The URI of the manager's User resource.", {
          mutability: 'readOnly',
          referenceTypes: ['User'],
        }),
        str('displayName', "The manager's display name.", { mutability: 'readOnly' }),
      ],
    }),
  ],
};

const startTermDates: SchemaDef = {
  id: START_TERM_DATES,
  name: 'StartTermDates',
  description: 'Workplace start and termination dates',
  attributes: [
    attr('startDate', 'integer', 'Start date, in epoch seconds.'),
    attr('termDate', 'integer', 'Termination date, in epoch seconds; 0 means none.'),
  ],
};

const accountStatus: SchemaDef = {
  id: ACCOUNT_STATUS,
  name: 'AccountStatusDetails',
  description: 'Workplace invitation and claim status',
  attributes: [
    attr('invited', 'boolean', 'Set to true to invite the user; an invitation cannot be withdrawn.'),
    attr('inviteDate', 'integer', 'When the user was invited, in epoch seconds.', { mutability: 'readOnly' }),
    attr('claimed', 'boolean', 'Whether the user has claimed the account.', { mutability: 'readOnly' }),
    attr('claimDate', 'integer', 'When the user claimed the account, in epoch seconds.', { mutability: 'readOnly' }),
    attr('claimLink', 'reference', 'The link that claims the account.', {
      mutability: 'readOnly',
      caseExact: true,
      referenceTypes: ['external'],
    }),
    str('accessCode', 'A code that claims the account without an e-mail address.', {
      mutability: 'readOnly',
      caseExact: true,
    }),
  ],
};

const authMethod: SchemaDef = {
  id: AUTH_METHOD,
  name: 'AuthMethod',
  description: 'Workplace authentication method',
  attributes: [str('authMethod', 'How the user signs in.', { canonicalValues: ['sso', 'password'] })],
};

/**
 * Attributes common to every resource (RFC 7643 §3.1). They are not part of the User schema proper,
 * but PATCH and PUT must recognise them to refuse or ignore them.
 */
export const COMMON_ATTRIBUTES: AttributeDef[] = [
  str('id', 'Unique identifier assigned by the service provider.', {
    mutability: 'readOnly',
    returned: 'always',
    caseExact: true,
    uniqueness: 'server',
  }),
  str('externalId', 'Identifier of the resource as defined by the provisioning client (the HR employee id).', {
    caseExact: true,
  }),
  attr('meta', 'complex', 'Resource metadata.', {
    mutability: 'readOnly',
    subAttributes: [
      str('resourceType', 'The resource type.', { mutability: 'readOnly', caseExact: true }),
      attr('created', 'dateTime', 'When the resource was added.', { mutability: 'readOnly' }),
      attr('lastModified', 'dateTime', 'When the resource was last changed.', { mutability: 'readOnly' }),
      attr('location', 'reference', 'The URI of the resource.', { mutability: 'readOnly', caseExact: true }),
      str('version', 'The weak ETag of the resource.', { mutability: 'readOnly', caseExact: true }),
    ],
  }),
];

/** Every schema the emulator serves, core first. */
export const SCHEMAS: readonly SchemaDef[] = [coreUser, enterpriseUser, startTermDates, accountStatus, authMethod];

/** The schema with this URN (case-insensitive, as URNs are compared in SCIM), if served. */
export function schemaByUrn(urn: string): SchemaDef | undefined {
  const wanted = urn.toLowerCase();
  return SCHEMAS.find((schema) => schema.id.toLowerCase() === wanted);
}

/** The attribute of `attributes` named `name`, compared case-insensitively (RFC 7643 §2.1). */
export function findAttribute(attributes: readonly AttributeDef[], name: string): AttributeDef | undefined {
  const wanted = name.toLowerCase();
  return attributes.find((a) => a.name.toLowerCase() === wanted);
}

/** The attributes at the top level of a User: the core schema's and the common ones. */
export const CORE_USER_ATTRIBUTES: readonly AttributeDef[] = [...COMMON_ATTRIBUTES, ...coreUser.attributes];
