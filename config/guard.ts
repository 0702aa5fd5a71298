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
});

/** The guard rails of the worker's and the API's configuration. */
export interface GuardConfig {
  /** employee ids and user-name patterns that are never deactivated, deleted or scrubbed */
  protectedAccounts: string[];
}

/** The guard rails from the environment; fails fast with every bad entry named. */
export function loadGuardConfig(env: NodeJS.ProcessEnv = process.env): GuardConfig {
  const parsed = parseEnv('guard', guardEnvSchema, env);
  return { protectedAccounts: protectedEntriesOf(parsed.GUARD_PROTECTED) };
}
