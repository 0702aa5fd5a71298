import type { z } from 'zod';
import { mailEnvSchema } from '../activities/notifications/config';
import { privacyEnvSchema } from '../activities/privacy-activities';
import { reconcileEnvSchema } from '../activities/reconcile-activities';
import { reconcileScheduleEnvSchema } from '../schedules/reconcile';
import { scimEnvSchema } from '../activities/scim/config';
import { apiEnvSchema } from '../api/plugins/config';
import { codecEnvSchema } from '../codec/config';
import { emulatorEnvSchema } from '../emulator/config';
import { smtpSinkEnvSchema } from '../smtp-sink/config';
import { storeEnvSchema } from '../store/config';
import { workerEnvSchema } from '../worker/config';
import { guardEnvSchema } from './guard';
import { lifecyclePolicyEnvSchema } from './lifecycle-policy';
import { stackEnvSchema } from './stack';
import { temporalEnvSchema } from './temporal';

/**
 * Every environment variable Tenure reads, by the component that reads it. The README's
 * configuration table, `.env.example` and docker-compose.yml are checked against this list.
 */
export const CONFIG_SCHEMAS: readonly { component: string; schema: z.ZodObject }[] = [
  { component: 'Temporal connection (worker, API)', schema: temporalEnvSchema },
  { component: 'lifecycle policy (worker; API dry runs)', schema: lifecyclePolicyEnvSchema },
  { component: 'worker', schema: workerEnvSchema },
  { component: 'Workplace / SCIM directory (worker)', schema: scimEnvSchema },
  { component: 'e-mail (worker)', schema: mailEnvSchema },
  { component: 'API', schema: apiEnvSchema },
  { component: 'Workplace emulator', schema: emulatorEnvSchema },
  { component: 'SMTP sink', schema: smtpSinkEnvSchema },
  { component: 'local stack (npm start)', schema: stackEnvSchema },
  { component: 'Tenure store (worker, API, keys:rotate)', schema: storeEnvSchema },
  { component: 'encryption (worker, API, schedules, keys:rotate)', schema: codecEnvSchema },
  { component: 'privacy (worker)', schema: privacyEnvSchema },
  { component: 'guard rails (worker, API)', schema: guardEnvSchema },
  { component: 'directory reconciliation (worker)', schema: reconcileEnvSchema },
  { component: 'directory reconciliation schedule (schedules)', schema: reconcileScheduleEnvSchema },
];

/** Variables read outside the zod schemas: by the scripts that find or install the Temporal binaries. */
export const SCRIPT_VARIABLES = [
  'TEMPORAL_CLI_PATH',
  'TEMPORAL_TEST_SERVER_PATH',
  'TEMPORAL_SERVER_PATH',
  'TEMPORAL_SQL_TOOL_PATH',
  'TENURE_CACHE_DIR',
  'TENURE_PYPI_SIMPLE_URL',
] as const;

/** Every variable name Tenure reads. */
export function allVariables(): string[] {
  return [...CONFIG_SCHEMAS.flatMap(({ schema }) => Object.keys(schema.shape)), ...SCRIPT_VARIABLES];
}
