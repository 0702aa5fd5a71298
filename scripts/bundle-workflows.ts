/**
 * `npm run bundle:workflows -- <file>`: the workflow bundle for WORKER_WORKFLOW_BUNDLE (the image
 * builds one; the cluster harness makes its own).
 */
import { writeWorkflowBundle } from '../worker/workflow-bundle';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: npm run bundle:workflows -- <file>\n');
  process.exit(2);
}
writeWorkflowBundle(file).then(
  () => process.stdout.write(`workflow bundle written to ${file}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
