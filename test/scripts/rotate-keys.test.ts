import { defaultPayloadConverter } from '@temporalio/common';
import { openCodec } from '../../codec';
import { loadCodecConfig } from '../../codec/config';
import { newMasterKeyEntry } from '../../codec/master-keys';
import { runScript } from '../helpers/script-run';
import { describeEachStore } from '../helpers/store-drivers';

const employee = (id: string) => ({ type: 'workflow' as const, namespace: 'default', workflowId: `employee-${id}` });

describeEachStore('npm run keys:rotate', (site) => {
  it('re-wraps every data key under the first master key, after which the old one can be dropped', async () => {
    const store = await site().fresh();
    const old = newMasterKeyEntry('old');
    const next = newMasterKeyEntry('new');
    const env = { ...site().envOf(store), NODE_ENV: 'production' };
    const before = await openCodec({ config: loadCodecConfig({ ...env, TENURE_MASTER_KEYS: old }) });
    const encoded = await Promise.all(
      ['R1', 'R2', 'R3'].map(
        async (id) =>
          (await before.codec.encode([defaultPayloadConverter.toPayload(`name of ${id}`)], employee(id)))[0]!,
      ),
    );
    await before.close();

    const run = runScript('scripts/rotate-keys.ts', { ...env, TENURE_MASTER_KEYS: `${next},${old}` });
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain('re-wrapped 3 data key(s) under master key "new"');
    expect(run.output()).toContain('the other master keys may leave TENURE_MASTER_KEYS');
    expect(run.output()).not.toMatch(/postgres:\/\/[^\s]*:[^\s*]+@/);

    const after = await openCodec({ config: loadCodecConfig({ ...env, TENURE_MASTER_KEYS: next }) });
    try {
      const decoded = await after.codec.decode(encoded);
      expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
        'name of R1',
        'name of R2',
        'name of R3',
      ]);
    } finally {
      await after.close();
    }
  }, 60_000);
});
