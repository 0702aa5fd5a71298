import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import { z } from 'zod';
import { ConfigError, parseEnv } from './env';

const booleanFlag = z.enum(['true', 'false']).optional();
const file = z.string().min(1).optional();

/**
 * How every Tenure process reaches Temporal. The names are Temporal's own (its CLI and SDKs read
 * the same variables), in their file form: certificates and keys are mounted, not pasted.
 */
export const temporalEnvSchema = z.object({
  /** host:port of the Temporal frontend */
  TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** `true`/`false`; unset: TLS as soon as a certificate, a server name or an API key is given */
  TEMPORAL_TLS: booleanFlag,
  /** PEM file of the CA that signed the frontend's certificate; unset: the system's CAs */
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: file,
  /** mTLS: PEM file of this client's certificate (with TEMPORAL_TLS_CLIENT_KEY_PATH) */
  TEMPORAL_TLS_CLIENT_CERT_PATH: file,
  /** mTLS: PEM file of this client's private key */
  TEMPORAL_TLS_CLIENT_KEY_PATH: file,
  /** the name the frontend's certificate is checked against (SNI), when not the address's host */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** an API key (Temporal Cloud), sent as a bearer token on every call; implies TLS */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
});

/** Where Temporal is, and how to reach it securely. */
export interface TemporalConfig {
  address: string;
  namespace: string;
  /** absent: plain text */
  tls?: TLSConfig;
  apiKey?: string;
}

const PEM = /-----BEGIN [A-Z0-9 ]+-----/;

/** Reads a PEM file at start-up, so that a wrong path stops the process with its variable named. */
function pemFile(variable: string, path: string, problems: string[]): Buffer | undefined {
  try {
    const content = readFileSync(path);
    if (!PEM.test(content.toString('latin1')))
      problems.push(`  ${variable}=${JSON.stringify(path)}: is not a PEM file`);
    return content;
  } catch (error) {
    problems.push(`  ${variable}=${JSON.stringify(path)}: cannot be read (${(error as NodeJS.ErrnoException).code})`);
    return undefined;
  }
}

const TLS_FILES = ['TEMPORAL_TLS_SERVER_CA_CERT_PATH', 'TEMPORAL_TLS_CLIENT_CERT_PATH', 'TEMPORAL_TLS_CLIENT_KEY_PATH'];

/** How every Tenure process reaches Temporal; fails fast with every bad variable named (never the key). */
export function temporalConfig(env: NodeJS.ProcessEnv = process.env): TemporalConfig {
  const schema = temporalEnvSchema
    .refine((c) => (c.TEMPORAL_TLS_CLIENT_CERT_PATH === undefined) === (c.TEMPORAL_TLS_CLIENT_KEY_PATH === undefined), {
      path: ['TEMPORAL_TLS_CLIENT_KEY_PATH'],
      message: 'TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH must be set together',
    })
    .refine(
      (c) =>
        c.TEMPORAL_TLS !== 'false' ||
        [...TLS_FILES, 'TEMPORAL_TLS_SERVER_NAME'].every((key) => c[key as keyof typeof c] === undefined),
      { path: ['TEMPORAL_TLS'], message: 'is false, yet TLS files or a server name are set' },
    );
  const parsed = parseEnv('Temporal', schema, env);
  const config: TemporalConfig = { address: parsed.TEMPORAL_ADDRESS, namespace: parsed.TEMPORAL_NAMESPACE };
  if (parsed.TEMPORAL_API_KEY) config.apiKey = parsed.TEMPORAL_API_KEY;
  const wanted =
    parsed.TEMPORAL_TLS === 'true' ||
    (parsed.TEMPORAL_TLS === undefined &&
      ([...TLS_FILES, 'TEMPORAL_TLS_SERVER_NAME'].some((key) => parsed[key as keyof typeof parsed] !== undefined) ||
        config.apiKey !== undefined));
  if (!wanted) return config;

  const problems: string[] = [];
  const tls: TLSConfig = {};
  if (parsed.TEMPORAL_TLS_SERVER_NAME) tls.serverNameOverride = parsed.TEMPORAL_TLS_SERVER_NAME;
  if (parsed.TEMPORAL_TLS_SERVER_CA_CERT_PATH) {
    const ca = pemFile('TEMPORAL_TLS_SERVER_CA_CERT_PATH', parsed.TEMPORAL_TLS_SERVER_CA_CERT_PATH, problems);
    if (ca) tls.serverRootCACertificate = ca;
  }
  if (parsed.TEMPORAL_TLS_CLIENT_CERT_PATH && parsed.TEMPORAL_TLS_CLIENT_KEY_PATH) {
    const crt = pemFile('TEMPORAL_TLS_CLIENT_CERT_PATH', parsed.TEMPORAL_TLS_CLIENT_CERT_PATH, problems);
    const key = pemFile('TEMPORAL_TLS_CLIENT_KEY_PATH', parsed.TEMPORAL_TLS_CLIENT_KEY_PATH, problems);
    if (crt && key) tls.clientCertPair = { crt, key };
  }
  if (problems.length > 0) throw new ConfigError(`Invalid Temporal configuration:\n${problems.join('\n')}`);
  config.tls = tls;
  return config;
}

/**
 * The connection options of a configuration, the same for the client's `Connection` (API,
 * schedules) and the worker's `NativeConnection`: address, TLS (explicitly off when not
 * configured, so that an API key never silently switches it on) and API key.
 */
export function temporalConnectionOptions(config: TemporalConfig): {
  address: string;
  tls: TLSConfig | false;
  apiKey?: string;
} {
  return {
    address: config.address,
    tls: config.tls ?? false,
    ...(config.apiKey !== undefined ? { apiKey: config.apiKey } : {}),
  };
}
