import { readFileSync } from 'node:fs';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundle } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../../codec/data-converter';

let cached: Promise<WorkflowBundle> | undefined;

/**
 * The bundle of `workflows/` made once per `npm test` by the global setup (bundling costs seconds
 * on 2 cores); bundled here once per file when a test runs without it.
 */
export function workflowBundle(): Promise<WorkflowBundle> {
  cached ??= (async () => {
    const path = process.env.TENURE_TEST_WORKFLOW_BUNDLE;
    if (path) return { code: readFileSync(path, 'utf8') };
    return bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      failureConverterPath: FAILURE_CONVERTER_PATH,
      logger: new DefaultLogger('WARN'),
    });
  })();
  return cached;
}
