import { z } from 'zod';
import { protectedEntriesOf, protectedEntryProblem } from '../workflows/contract';
import { parseEnv } from './env';

export const guardEnvSchema = z.object({
  /**
   * accounts Tenure never deactivates, deletes or scrubs, comma-separated: employee ids, and
   * user-name patterns with `*` (e.g. `breakglass-*@example.com`)
   */
  GUARD_PROTECTED: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      for (const entry of protectedEntriesOf(value)) {
        const problem = protectedEntryProblem(entry);
        if (problem) ctx.addIssue({ code: 'custom', message: problem });
      }
    }),
  /** destructive actions (deactivate; delete or scrub) per rolling hour before further ones are held */
  GUARD_MAX_DESTRUCTIVE_PER_HOUR: z.coerce.number().int().min(1).default(50),
  /**
   * destructive actions per rolling day as a share of the active accounts (0.05: 5 %); never below
   * the hourly limit, so that a small fleet is not held at its second leaver of the day
   */
  GUARD_MAX_DESTRUCTIVE_SHARE: z.coerce.number().gt(0).max(1).default(0.05),
});

/** The brake's limits (see activities/guard-activities.ts). */
export interface GuardLimitSettings {
  maxPerHour: number;
  maxShare: number;
}

/** The guard rails of the worker's and the API's configuration. */
export interface GuardConfig extends GuardLimitSettings {
  /** employee ids and user-name patterns that are never deactivated, deleted or scrubbed */
  protectedAccounts: string[];
}

/** The guard rails from the environment; fails fast with every bad entry or limit named. */
export function loadGuardConfig(env: NodeJS.ProcessEnv = process.env): GuardConfig {
  const parsed = parseEnv('guard', guardEnvSchema, env);
  return {
    protectedAccounts: protectedEntriesOf(parsed.GUARD_PROTECTED),
    maxPerHour: parsed.GUARD_MAX_DESTRUCTIVE_PER_HOUR,
    maxShare: parsed.GUARD_MAX_DESTRUCTIVE_SHARE,
  };
}
