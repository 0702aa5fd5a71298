import { z } from 'zod';
import type { DataKeyRing } from '../codec/data-key-ring';
import { employeeOwner } from '../codec/key-owner';
import { parseEnv } from '../config/env';
import { duration } from '../config/lifecycle-policy';
import { durationMs } from '../workflows/contract';

export const privacyEnvSchema = z.object({
  /** time between the end of a lifecycle and the erasure of the employee's data key (`0s`: at once) */
  PRIVACY_KEY_GRACE: duration('0s'),
});

/** What the privacy activities need to know. */
export interface PrivacySettings {
  keyGraceMs: number;
}

/** The privacy settings from the worker's environment; fails fast with every bad variable named. */
export function loadPrivacySettings(env: NodeJS.ProcessEnv = process.env): PrivacySettings {
  const parsed = parseEnv('privacy', privacyEnvSchema, env);
  return { keyGraceMs: durationMs(parsed.PRIVACY_KEY_GRACE) };
}

/** The privacy activities, bound to the data keys of the Tenure store. */
export function createPrivacyActivities(keys: DataKeyRing, settings: PrivacySettings) {
  return {
    /**
     * Crypto-shreds an employee: their data key is erased after PRIVACY_KEY_GRACE, and with it
     * every payload of their employment, wherever Temporal keeps it. Idempotent (a retry or a
     * second call keeps the first instant). Returns nothing on purpose: a void result needs no key,
     * so nothing is encrypted under the employee's name after this call.
     */
    async eraseEmployeeDataKey({ employeeId }: { employeeId: string }): Promise<void> {
      await keys.erase(employeeOwner(employeeId), settings.keyGraceMs);
    },
  };
}
