import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import boundaries from STYLE.md: `shared/` is pure (no Node, DOM-only, Electron or React
 * imports), and main and renderer never import each other.
 */
const nodeBuiltins = { group: ['node:*'], message: 'shared/ runs in both runtimes: no Node built-ins.' };

export default tseslint.config(
  { ignores: ['**/*.d.mts', 'out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.e2e-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // Handler tables and fakes implement async signatures; some have nothing to await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.cjs'],
    languageOptions: { globals: globals.node },
    // bin/ is CommonJS on purpose: npm runs it with plain node, before anything is transpiled.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/electron/**', 'electron'], message: 'The renderer reaches main only through the bridge.' }, nodeBuiltins] },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'react', 'react-dom', 'dexie'],
          patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports neither main nor renderer.' }, nodeBuiltins],
        },
      ],
    },
  },
  {
    // data/VERIFY.html's page script: a browser page on its own, built into the bag.
    files: ['verifier/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/electron/**', '**/renderer/**', 'electron', 'react', 'dexie'], message: 'VERIFY.html carries only the core and its page.' }, nodeBuiltins] },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'main never imports renderer code.' }] }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', '*.config.ts'],
    languageOptions: { globals: globals.node },
  },
);
