// One lint configuration for the whole repository (STYLE.md, habit 9). The type-aware rules are
// here for what tsc lets through: promises nobody awaits and `any` leaking out of JSON and SDKs.
// Layout is Prettier's (.prettierrc.json); eslint-config-prettier turns off the rules that would argue with it.
import eslint from '@eslint/js';
import { readdirSync } from 'node:fs';
import prettier from 'eslint-config-prettier';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const promiseRules = {
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': 'error',
  '@typescript-eslint/await-thenable': 'error',
};

const dashboard = 'apps/dashboard/src';
const dashboardFeatures = readdirSync(dashboard + '/features');

/**
 * The dashboard's imports flow one way, shared (components, lib) → features → app, and one
 * feature never imports another (STYLE.md "The dashboard"): what two features share moves down.
 */
const dashboardLayering = [
  { target: [`./${dashboard}/components`, `./${dashboard}/lib`], from: [`./${dashboard}/features`, `./${dashboard}/app`] },
  { target: `./${dashboard}/features`, from: `./${dashboard}/app` },
  ...dashboardFeatures.map((feature) => ({
    target: `./${dashboard}/features/${feature}`,
    from: `./${dashboard}/features`,
    except: [`./${feature}`],
    message: 'A feature does not import another: move what both need to components/ or lib/.',
  })),
];

const unsafeRules = {
  '@typescript-eslint/no-unsafe-argument': 'error',
  '@typescript-eslint/no-unsafe-assignment': 'error',
  '@typescript-eslint/no-unsafe-call': 'error',
  '@typescript-eslint/no-unsafe-member-access': 'error',
  '@typescript-eslint/no-unsafe-return': 'error',
};

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  eslint.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      ...promiseRules,
      ...unsafeRules,
      // `for (const _ of records)` counts without reading; tsc's noUnusedLocals accepts the same name.
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_$' }],
    },
  },
  {
    // Tests read untyped JSON response bodies; a promise left floating there still hides a failure.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**', 'bench/**'],
    rules: Object.fromEntries(Object.keys(unsafeRules).map((rule) => [rule, 'off'])),
  },
  {
    files: [`${dashboard}/**/*.{ts,tsx}`],
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    languageOptions: { globals: { window: 'readonly', document: 'readonly' } },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'apps/dashboard/tsconfig.json' })] },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'import-x/no-restricted-paths': ['error', { zones: dashboardLayering }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { __dirname: 'readonly', module: 'writable', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
