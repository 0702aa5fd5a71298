/** Schema URIs of RFC 7643/7644 and of Workplace's extensions, as they appear on the wire. */
export const SCHEMAS = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  enterpriseUser: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  workplaceStartTermDates: 'urn:ietf:params:scim:schemas:extension:facebook:starttermdates:2.0:User',
  workplaceAccountStatus: 'urn:ietf:params:scim:schemas:extension:facebook:accountstatusdetails:2.0:User',
  workplaceAuthMethod: 'urn:ietf:params:scim:schemas:extension:facebook:authmethod:2.0:User',
} as const;

/** The media type of SCIM requests and responses (RFC 7644 §8.1). */
export const SCIM_MEDIA_TYPE = 'application/scim+json';
