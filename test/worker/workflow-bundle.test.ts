import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWorkflowBundle } from '../../worker/workflow-bundle';

describe('the workflow bundle made ahead (WORKER_WORKFLOW_BUNDLE)', () => {
  it('carries the lifecycle and the failure converter that encrypts failure messages', async () => {
    const dir = await mkdtemp(join(process.env.TENURE_TEST_DIR ?? tmpdir(), 'bundle-'));
    try {
      await writeWorkflowBundle(join(dir, 'bundle.js'));
      const code = await readFile(join(dir, 'bundle.js'), 'utf8');
      expect(code).toContain('employeeLifecycleWorkflow');
      // Without it the sandbox uses the default converter: failure text in plaintext in history.
      expect(code).toContain('codec/failure-converter');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
