import { readFileSync } from 'node:fs';
import { DefaultLogger, type WorkflowBundle } from '@temporalio/worker';
import { bundleTenureWorkflows } from '../../../worker/workflow-bundle';

let cached: Promise<WorkflowBundle> | undefined;

/**
 * The bundle of `workflows/` for an in-process worker, made once per process: read from
 * TENURE_TEST_WORKFLOW_BUNDLE when set (Jest's global setup bundles once per `npm test`, since
 * bundling costs seconds on 2 cores), bundled here otherwise.
 */
export function workflowBundle(): Promise<WorkflowBundle> {
  cached ??= (async () => {
    const path = process.env.TENURE_TEST_WORKFLOW_BUNDLE;
    if (path) return { code: readFileSync(path, 'utf8') };
    return bundleTenureWorkflows(new DefaultLogger('WARN'));
  })();
  return cached;
}
