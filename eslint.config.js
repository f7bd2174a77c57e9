import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

/** What domain/ and engine/ must not import: a framework or a database. */
const FRAMEWORKS = {
  group: ['fastify', 'fastify-*', '@fastify/*', 'kysely', 'pg', '@electric-sql/*', 'prom-client', 'pino'],
  message: 'domain/ and engine/ import no framework and no database.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'bench/results/', 'coverage/', 'admin-ui/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The leaves: domain/ and engine/ are pure — no framework, no database, no layer above them
    // (engine/ builds on domain/ and json-rules-engine only).
    files: ['server/src/domain/**/*.ts', 'server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            FRAMEWORKS,
            {
              group: [
                '../db/*',
                '../http/*',
                '../features/*',
                '../intake/*',
                '../cli/*',
                '../app.js',
                '../services.js',
                '../context.js',
                '../config.js',
                '../platform.js',
                '../server.js',
              ],
              message: 'domain/ and engine/ are leaves: they import nothing above them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            FRAMEWORKS,
            {
              regex: String.raw`^\.\./(?!\.\./\.\./rulesets/schema/)`,
              message: 'domain/ is the innermost leaf: it imports only itself (and the JSON Schemas).',
            },
          ],
        },
      ],
    },
  },
  {
    // The console: React's rules of hooks.
    files: ['admin-ui/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['bin/**/*.mjs', 'scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
