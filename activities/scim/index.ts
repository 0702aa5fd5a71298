/** The SCIM 2.0 client's public surface; activities import from here. */
export { ScimClient, type CallOptions, type ScimClientOptions, type WriteOptions } from './client';
export { loadScimConfig, scimEnvSchema, type ScimConfig } from './config';
export {
  isRetryable,
  ScimConflictError,
  ScimError,
  ScimNetworkError,
  ScimNotFoundError,
  ScimPreconditionFailedError,
  ScimRejectedError,
  ScimThrottledError,
  ScimUnauthorizedError,
  ScimUnavailableError,
  ScimUnexpectedResponseError,
  ScimUnsupportedError,
  type ScimErrorContext,
} from './errors';
export { eqFilter } from './filter';
export { DEFAULT_USER_AGENT, type ScimLogger } from './http';
export {
  toDirectoryUserInput,
  type AccountStatus,
  type DirectoryAuthMethod,
  type DirectoryEmail,
  type DirectoryUser,
  type DirectoryUserChanges,
  type DirectoryUserInput,
  type DirectoryUserName,
  type ListPage,
  type NewDirectoryUser,
  type PatchOperation,
  type ResourceMeta,
} from './model';
export { ScimProfile, type ScimCapabilities, type ScimProfileName, type ScimProfileSpec } from './profile';
export { profileFor, SCIM2_PROFILE, WORKPLACE_PROFILE } from './profiles';
export { parseRetryAfter } from './retry-after';
export { SCHEMAS, SCIM_MEDIA_TYPE } from './schemas';
