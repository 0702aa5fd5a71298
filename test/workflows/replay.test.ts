import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../helpers/workflow-bundle';

// Histories of every workflow version still replayable: the top level for the current code, a
// folder per earlier version (recorded before a change that went behind `patched()`).
const HISTORIES = join(__dirname, '../histories');
const files = readdirSync(HISTORIES, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('replay of recorded lifecycles', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(25);
  });

  it.each(files)('replays %s against the current workflow code without non-determinism', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(join(HISTORIES, file), 'utf8')));
    await expect(
      Worker.runReplayHistory(
        { workflowBundle: await workflowBundle() },
        history,
        file.replace(/\.json$/, '').replace(/\//g, '-'),
      ),
    ).resolves.toBeUndefined();
  });
});
