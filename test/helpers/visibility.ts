import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { eventually } from './eventually';

/** The workflow ids a visibility query lists, sorted. */
export async function workflowIdsFor(env: TestWorkflowEnvironment, query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const workflow of env.client.workflow.list({ query })) ids.push(workflow.workflowId);
  return ids.sort();
}

/** Waits until a visibility query lists exactly `expected` (visibility lags behind the workflow). */
export function listedBy(env: TestWorkflowEnvironment, query: string, expected: string[]): Promise<string[]> {
  const wanted = JSON.stringify([...expected].sort());
  return eventually(
    () => workflowIdsFor(env, query),
    (ids) => JSON.stringify(ids) === wanted,
  );
}
