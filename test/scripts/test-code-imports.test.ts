/**
 * Only tests import test code: the lint rule that keeps the stack harness, the fixtures and
 * everything else a script, the bench, the demo or the product needs outside test/.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { Linter } from 'eslint';

const ROOT = resolve(__dirname, '../..');

// eslint.config.mjs is an ES module, which Jest's loader cannot import: a Node process reads it.
const READ_SETTING = `
  import { ESLint } from 'eslint';
  const config = await new ESLint({ cwd: process.cwd() }).calculateConfigForFile(process.argv[1]);
  process.stdout.write(JSON.stringify(config.rules?.['no-restricted-imports'] ?? null));
`;

/** The project's `no-restricted-imports` setting for a file at `path`, run alone over `code` as that file. */
function restrictedImports(path: string, code: string): string[] {
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', READ_SETTING, path], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const setting = JSON.parse(output) as Linter.RuleEntry | null;
  const messages = new Linter({ configType: 'flat' }).verify(
    code,
    [{ files: ['**/*.ts'], rules: setting ? { 'no-restricted-imports': setting } : {} }],
    { filename: resolve(ROOT, path) },
  );
  return messages.map((m) => m.message);
}

describe('the lint rules on imports', () => {
  jest.setTimeout(60_000);

  it.each([
    ['bench/onboarding.ts', "import { DAY } from '../test/helpers/lifecycle';"],
    ['scripts/start.ts', "import { eventually } from '../test/helpers/eventually';"],
    ['scripts/lib/stack/local-stack.ts', "import { testCodec } from '../../../test/helpers/test-codec';"],
    ['demo/main.ts', "import { API_TOKENS } from '../test/api/support';"],
    ['api/app.ts', "import '../test/helpers/setup-runtime';"],
    ['worker/main.ts', "export { startRealStack } from '../test/helpers/real-stack';"],
    ['workflows/index.ts', "import { DAY } from '../test/helpers/lifecycle';"],
  ])('forbids %s to import test code', (path, code) => {
    expect(restrictedImports(path, code)).toEqual([expect.stringContaining('Only tests import from test/')]);
  });

  it.each([
    ['test/faults/worker-kill.test.ts', "import { DAY } from '../helpers/lifecycle';"],
    ['bench/onboarding.ts', "import { DAY } from '../scripts/lib/fixtures/employee-record';"],
  ])('lets %s import what it may', (path, code) => {
    expect(restrictedImports(path, code)).toEqual([]);
  });

  it.each([
    ['workflows/lifecycle/validators.ts', "import { leaveChangeSchema } from '../contract';"],
    ['workflows/lifecycle/plan.ts', "import { actorSchema } from '../contract/requests';"],
    ['workflows/employee-lifecycle-workflow.ts', "import { z } from 'zod';"],
  ])('keeps %s off the zod schemas at module load (workflows/contract/core.ts)', (path, code) => {
    expect(restrictedImports(path, code)).toEqual([expect.stringContaining('workflows/contract/core')]);
  });

  it.each([
    ['workflows/lifecycle/plan.ts', "import { DAY_MS } from '../contract/core';"],
    ['workflows/contract/requests.ts', "import { z } from 'zod';"],
  ])('lets %s import the zod-free contract, or zod inside the contract', (path, code) => {
    expect(restrictedImports(path, code)).toEqual([]);
  });
});
