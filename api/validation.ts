import type { ErrorDetail } from './schemas/errors';

/** One problem as zod reports it (or as fastify-type-provider-zod hands it on). */
export interface Issue {
  path: readonly PropertyKey[];
  code: string;
  message: string;
  keys?: readonly string[];
}

/** `body.employees[3].timeZone` from a location and a path. */
export function formatPath(location: string, path: readonly PropertyKey[]): string {
  let out = location;
  for (const segment of path) {
    if (typeof segment === 'number' || (typeof segment === 'string' && /^\d+$/.test(segment)))
      out += `[${String(segment)}]`;
    else out += `.${String(segment)}`;
  }
  return out;
}

/** The API's error details for zod issues: one per problem, an unknown field named by its own path. */
export function detailsOf(issues: readonly Issue[], location: string): ErrorDetail[] {
  return issues.flatMap((issue): ErrorDetail[] => {
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      return issue.keys.map((key) => ({
        path: formatPath(location, [...issue.path, key]),
        message: `unknown field '${key}'`,
      }));
    }
    const message =
      issue.code === 'invalid_type' && /received undefined/.test(issue.message) ? 'is required' : issue.message;
    return [{ path: formatPath(location, issue.path), message }];
  });
}
