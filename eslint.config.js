// Lint: typed typescript-eslint, plus the bounded-context rule: another context is reached only
// through its index.ts. The direction of dependencies is checked by test/architecture.test.ts.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { tsImport } from 'tsx/esm/api';

// The product's own determinism rule, read from its sources so linting needs no build.
const { plugin: switchboard } = await tsImport('./src/lint/index.ts', import.meta.url);

const contexts = [
  'core',
  'genesys',
  'emulator',
  'triggers',
  'actions',
  'architect',
  'workflows',
  'store',
  'runtime',
  'blueprints',
  'outbound',
  'cli',
  'console',
  'lint',
].join('|');

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${contexts})/(?!index\\.ts$).+`,
              message: 'Import another bounded context only through its index.ts (its public door).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'examples/**/*.ts'],
    plugins: { switchboard },
    rules: { 'switchboard/workflow-determinism': 'error' },
  },
  {
    // The engines that replay runs read time and randomness only through the run's clock and ids.
    files: ['src/architect/**/*.ts', 'src/workflows/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test-util.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'Date',
          property: 'now',
          message:
            "Workflow engines read the time from the run's clock (tools.now / ctx.now), so a replay computes the same values.",
        },
        {
          object: 'Math',
          property: 'random',
          message: 'Workflow engines draw ids from the injected Ids, so a replay computes the same values.',
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: "Workflow engines read the time from the run's clock, not new Date().",
        },
      ],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**', 'bench/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      parserOptions: { projectService: false, project: null },
      globals: { process: 'readonly', console: 'readonly' },
    },
  },
);
