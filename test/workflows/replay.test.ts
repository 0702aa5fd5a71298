import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, Worker, type WorkflowBundle } from '@temporalio/worker';
import { LIFECYCLE_RELEASE } from '../../workflows/contract';
import { LIVE_PATCHES } from '../../workflows/lifecycle/versions';
import { workflowBundle } from '../../scripts/lib/stack/workflow-bundle';

/**
 * Versioning's safety net (README "Versioning"): every committed history — the 1.0 baseline, and
 * later the histories recorded before each patch — replays against the current workflow code. A
 * change that alters the commands of an existing history without `patched()` fails here.
 */
const HISTORIES = join(__dirname, '../histories');
const files = readdirSync(HISTORIES, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.json'))
  .sort();

const replay = (bundle: WorkflowBundle, file: string) =>
  Worker.runReplayHistory(
    { workflowBundle: bundle, replayName: file },
    historyFromJSON(JSON.parse(readFileSync(join(HISTORIES, file), 'utf8'))),
    file.replace(/\.json$/, '').replace(/\//g, '-'),
  );

describe('replay of recorded lifecycles', () => {
  it('has the 1.0 baseline: a history per resting stage and both runs of a continued lifecycle', () => {
    const baseline = files.filter((f) => f.startsWith('baseline-1.0/')).map((f) => f.slice('baseline-1.0/'.length));
    expect(baseline).toEqual(
      expect.arrayContaining([
        'provisioning-needs-attention.json',
        'provisioned-before-start.json',
        'invited-reminders.json',
        'unclaimed.json',
        'active-movers.json',
        'deactivated-under-legal-hold.json',
        'awaiting-manual-deletion.json',
        'deleted-typical-lifecycle.json',
        'withdrawn-under-legal-hold.json',
        'continued-as-new-run1.json',
        'continued-as-new-run2.json',
      ]),
    );
  });

  it('has histories of the current release: every scenario again, and one with the directory busy', () => {
    const current = files
      .filter((f) => f.startsWith(`release-${LIFECYCLE_RELEASE}/`))
      .map((f) => f.slice(`release-${LIFECYCLE_RELEASE}/`.length));
    expect(current).toEqual(
      expect.arrayContaining([
        'provisioning-needs-attention.json',
        'invited-reminders.json',
        'deleted-typical-lifecycle.json',
        'continued-as-new-run1.json',
        'continued-as-new-run2.json',
        'guard-held-released.json',
        'read-back-mismatch.json',
        'directory-busy.json',
      ]),
    );
  });

  it.each(LIVE_PATCHES.map((p) => p.id))('has histories recorded on the new branch of live patch %s', (id) => {
    expect(files.filter((f) => f.startsWith(`${id}/`)).length).toBeGreaterThan(0);
  });

  it.each(files)('replays %s against the current workflow code without non-determinism', async (file) => {
    await expect(replay(await workflowBundle(), file)).resolves.toBeUndefined();
  });

  it('fails when a change to the commands lands without a patch', async () => {
    // The same workflow with one unpatched change: the profile sync reads the account before it
    // writes (one activity more). Histories that synced a profile must no longer replay.
    const changed = await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      logger: new DefaultLogger('WARN'),
      webpackConfigHook: (config) => {
        config.resolve ??= {};
        config.resolve.alias = {
          ...(config.resolve.alias as Record<string, string>),
          [require.resolve('../../workflows/lifecycle/profile-sync')]:
            require.resolve('./fixtures/profile-sync-unpatched-change'),
        };
        return config;
      },
    });
    await expect(replay(changed, 'baseline-1.0/active-movers.json')).rejects.toThrow(
      /[Nn]ondeterminism|DeterminismViolation/,
    );
  }, 120_000);
});
