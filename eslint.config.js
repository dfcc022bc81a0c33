// ESLint (flat config) with typescript-eslint. The tools live in tools/lint/ (their own install:
// typescript-eslint needs TypeScript's JS API, which the project's typescript@7 does not have).
// Run: npm run lint
import { createRequire } from 'node:module';

const require = createRequire(new URL('./tools/lint/package.json', import.meta.url));
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'tools/lint/node_modules/',
      'tools/lint/fixtures/',
      'tests/hostile/submissions/',
      'tests/hostile/buggy/',
      'tests/fixtures/submissions/',
      'examples/',
      'docs/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        queueMicrotask: 'readonly',
        globalThis: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // Prettier wraps code at 100 columns; long user-facing messages stay on one line, so strings are exempt.
      'max-len': [
        'error',
        {
          code: 120,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreUrls: true,
        },
      ],
      'no-duplicate-imports': 'error',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // The dashboard's one script runs in the page.
  {
    files: ['templates/html/*.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly' } },
  },
);
