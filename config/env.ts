import { z } from 'zod';

/** Thrown when the environment does not hold a valid configuration; its message names every bad variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Parses the process environment with a zod object schema whose keys are variable names, and fails
 * fast with one readable line per bad variable.
 */
export function parseEnv<S extends z.ZodObject>(
  component: string,
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  const picked: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    picked[key] = value === '' ? undefined : value;
  }
  const result = schema.safeParse(picked);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '?');
    const value = picked[key];
    return `  ${key}${value === undefined ? '' : `=${JSON.stringify(redact(key, value))}`}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid ${component} configuration:\n${lines.join('\n')}`);
}

function redact(key: string, value: string): string {
  return /TOKEN|SECRET|PASSWORD|MASTER_KEYS|DATABASE_URL/i.test(key) ? '<redacted>' : value;
}

/** A TCP port number given as a string. */
export const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
