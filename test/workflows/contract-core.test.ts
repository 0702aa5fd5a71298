/**
 * Workflow code reaches the contract through workflows/contract/core, which must not load zod:
 * every workflow evaluates its modules afresh, and the schemas would cost each one ~1 MB and
 * ~11 ms (bench/RESULTS.md, cluster).
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** Whether loading `module` (from the project root) loads zod, in a fresh Node process. */
function loadsZod(module: string): boolean {
  const probe = `require(${JSON.stringify(module)}); process.stdout.write(String(Object.keys(require.cache).some((k) => /node_modules[\\\\/]zod[\\\\/]/.test(k))));`;
  return (
    execFileSync(process.execPath, ['--import', 'tsx', '-e', probe], { cwd: ROOT, encoding: 'utf8' }).trim() === 'true'
  );
}

describe('the zod-free door of the contract', () => {
  jest.setTimeout(60_000);

  it('loads no zod through workflows/contract/core, while the full contract does', () => {
    expect(loadsZod('./workflows/contract/core')).toBe(false);
    expect(loadsZod('./workflows/contract')).toBe(true);
  });
});
