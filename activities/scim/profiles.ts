/** The two dialects Tenure speaks: Workplace's Account Management API and plain RFC 7643/7644. */
import { ScimProfile, type ScimProfileName } from './profile';

/** Workplace: its extension schemas, `manager.managerId`, and URN-qualified PATCH paths (as Meta documents). */
export const WORKPLACE_PROFILE = new ScimProfile({
  name: 'workplace',
  workplaceExtensions: true,
  managerKey: 'managerId',
  qualifiedCorePaths: true,
  languageTags: 'as-given',
});

/**
 * Any RFC 7643/7644 service provider: core and enterprise schemas only, `manager.value`, and
 * short core PATCH paths, which more servers accept than URN-qualified ones.
 */
export const SCIM2_PROFILE = new ScimProfile({
  name: 'scim2',
  workplaceExtensions: false,
  managerKey: 'value',
  qualifiedCorePaths: false,
  languageTags: 'bcp47',
});

const PROFILES: Record<ScimProfileName, ScimProfile> = { workplace: WORKPLACE_PROFILE, scim2: SCIM2_PROFILE };

/** The profile of a name, as configured by `WORKPLACE_SCIM_PROFILE`. */
export function profileFor(name: ScimProfileName): ScimProfile {
  return PROFILES[name];
}
