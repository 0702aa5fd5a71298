import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { SEARCH_ATTRIBUTES } from '../../../workflows/contract';
import { indexedValueTypeOf } from '../search-attribute-types';

/** Retries environment creation: on 2 loaded cores a server can miss the SDK's start-up window once. */
export async function withRetry<T>(create: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await create();
    } catch (err) {
      if (i >= attempts) throw err;
    }
  }
}

/**
 * A time-skipping server from the given executable, with Tenure's search attributes registered:
 * timers of days and years pass in milliseconds whenever a client waits on a workflow result or
 * calls `env.sleep`. Its client uses `dataConverter` (Tenure's codec) when given.
 */
export async function createTimeSkippingEnvAt(
  path: string,
  dataConverter?: DataConverter,
): Promise<TestWorkflowEnvironment> {
  const env = await withRetry(() =>
    TestWorkflowEnvironment.createTimeSkipping({
      server: { executable: { type: 'existing-path', path } },
      ...(dataConverter ? { client: { dataConverter } } : {}),
    }),
  );
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(SEARCH_ATTRIBUTES.map((key) => [key.name, indexedValueTypeOf(key.type)])),
  });
  return env;
}
