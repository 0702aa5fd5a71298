import { z } from 'zod';
import { apiEnvSchema } from '../api/plugins/config';
import { parseEnv } from '../config/env';
import { stackEnvSchema } from '../config/stack';
import { temporalEnvSchema } from '../config/temporal';
import { emulatorEnvSchema } from '../emulator/config';
import { smtpSinkEnvSchema } from '../smtp-sink/config';

/** The variables the demo reads: the very ones the stack listens on, with the stack's defaults. */
export const demoEnvSchema = z.object({
  ...apiEnvSchema.pick({ API_HOST: true, API_PORT: true }).shape,
  ...stackEnvSchema.pick({ TEMPORAL_UI_PORT: true }).shape,
  ...temporalEnvSchema.pick({ TEMPORAL_NAMESPACE: true }).shape,
  ...emulatorEnvSchema.pick({ EMULATOR_HOST: true, EMULATOR_PORT: true, EMULATOR_TOKENS: true }).shape,
  ...smtpSinkEnvSchema.pick({ SMTP_SINK_HOST: true, SMTP_SINK_HTTP_PORT: true }).shape,
});

/** Where the demo finds the running stack. */
export interface DemoConfig {
  apiUrl: string;
  temporalUiUrl: string;
  namespace: string;
  emulatorUrl: string;
  /** a token the emulator accepts (its inspection endpoint stands in for the employees' inboxes) */
  emulatorToken: string;
  sinkUrl: string;
}

/** A listen address as a client reaches it: a wildcard address means this machine. */
function reach(host: string, port: number): string {
  const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${local.includes(':') ? `[${local}]` : local}:${port}`;
}

/** The demo's configuration from the environment; fails fast with every bad variable named. */
export function loadDemoConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  const parsed = parseEnv('demo', demoEnvSchema, env);
  return {
    apiUrl: reach(parsed.API_HOST, parsed.API_PORT),
    // The same address `npm start` prints for the UI.
    temporalUiUrl: `http://localhost:${parsed.TEMPORAL_UI_PORT}`,
    namespace: parsed.TEMPORAL_NAMESPACE,
    emulatorUrl: reach(parsed.EMULATOR_HOST, parsed.EMULATOR_PORT),
    emulatorToken: parsed.EMULATOR_TOKENS[0]!,
    sinkUrl: reach(parsed.SMTP_SINK_HOST, parsed.SMTP_SINK_HTTP_PORT),
  };
}
