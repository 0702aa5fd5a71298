// @ts-check
import { builtinModules } from 'node:module';
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// The SDK's `lib/` modules are its internals: they change without notice between releases.
const SDK_INTERNALS = {
  group: ['@temporalio/*/lib/*'],
  message: "Use the Temporal SDK's public exports; its lib/ modules are internals.",
};

// Test code serves the tests: what the scripts, the bench, the demo or the product need from it lives
// outside test/ (the stack harness in scripts/lib/stack, fixtures in scripts/lib/fixtures).
const TEST_CODE = {
  group: ['**/test', '**/test/**'],
  message: 'Only tests import from test/; move what you need to scripts/lib (the stack harness, fixtures).',
};

// The contract is the one door into the lifecycle (see the rule below).
const LIFECYCLE_INTERNALS = {
  group: [
    '**/workflows/lifecycle/*',
    '**/workflows/contract/*',
    '**/workflows/employee-lifecycle-workflow',
    '**/workflows/directory-keep-alive-workflow',
  ],
  message: "Import the lifecycle's vocabulary from workflows/contract (its index), not its internals.",
};

/** The contract modules that build zod schemas when loaded. */
const ZOD_CONTRACT_MODULES = ['dry-run', 'employee', 'fields', 'policy', 'requests', 'status'];

/** What workflow code may not import, and more. */
function sandboxImports(morePatterns) {
  return {
    paths: nodeBuiltins.map((name) => ({
      name,
      message: 'Workflows run in a deterministic sandbox: Node built-ins are not allowed here.',
    })),
    patterns: [
      {
        group: ['../activities/*', '../../activities/*'],
        allowTypeImports: true,
        message: 'Workflows import activities as types only (proxyActivities).',
      },
      SDK_INTERNALS,
      TEST_CODE,
      ...morePatterns,
    ],
  };
}

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      // Fastify plugins and handlers are async by contract, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no process
    // environment, no wall clock outside the SDK's patched Date.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', sandboxImports([])],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Workflows must not read the process environment; pass configuration as input.' },
      ],
    },
  },
  {
    // Every workflow evaluates its modules afresh in the sandbox: the contract's zod schemas, built
    // at module load, would cost each one about 1 MB and 11 ms (workflows/contract/core.ts).
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/contract/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        sandboxImports([
          {
            regex: `^(zod|(\\.{1,2}/)+contract(/index)?|.*/contract/(${ZOD_CONTRACT_MODULES.join('|')}))$`,
            allowTypeImports: true,
            message:
              'Workflow code imports the contract through workflows/contract/core (no zod schemas at module load; see core.ts).',
          },
        ]),
      ],
    },
  },
  {
    // The contract is the one door into the lifecycle: everything outside workflows/ imports
    // workflows/contract (and, as a type, the workflow functions from workflows/index.ts), never
    // the lifecycle's internals. Tests of those internals live in test/workflows and test/histories.
    // Outside test/, nothing imports test code.
    files: ['**/*.ts'],
    ignores: ['workflows/**', 'test/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [LIFECYCLE_INTERNALS, SDK_INTERNALS, TEST_CODE] }],
    },
  },
  {
    files: ['test/**/*.ts'],
    ignores: ['test/workflows/**', 'test/histories/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [LIFECYCLE_INTERNALS, SDK_INTERNALS] }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Tests read untyped JSON (SCIM, HTTP bodies) and use Jest's asymmetric matchers (typed any).
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
