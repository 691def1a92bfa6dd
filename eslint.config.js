// Layer boundaries, in the manner of VS Code's common / node / electron-main rules:
//   device/    the gun: never reaches into electron/ or renderer/, never imports electron or React.
//   electron/  the core: never imports renderer/ and, but for main.ts and preload.ts, never `electron`.
//   renderer/  React screens: no Node built-ins, no device/ or core; only the contract.
//   device/link is entered only through device/link/index.ts, from everywhere outside it (its own
//   unit tests, tests/unit/link, may reach its parts).
import formatjs from 'eslint-plugin-formatjs';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs', 'fs/promises', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'stream',
  'worker_threads', 'cluster', 'dgram', 'dns', 'tls', 'zlib', 'readline', 'process', 'buffer',
];

const restrict = (paths, patterns) => ['error', { paths, patterns }];

// Every screen's words come from the catalogues (renderer/i18n): a literal string in the renderer's
// JSX, or in a label, placeholder, title or aria-label, is an error.
const TRANSLATED_SCREENS = ['renderer/**/*.tsx'];

const linkEntry = {
  group: ['**/device/link/*', '!**/device/link/index.js', '../link/*', '!../link/index.js'],
  message: 'Use the link only through its entry point, device/link/index.js.',
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'test-results/**', 'playwright-report/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': restrict(
        [{ name: 'electron', message: 'Only electron/main.ts and electron/preload.ts may import electron.' }],
        [linkEntry],
      ),
    },
  },
  {
    // The link's own unit tests test its parts (the request queue, the frame guard, ...).
    files: ['tests/unit/link/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict([{ name: 'electron', message: 'Only electron/main.ts and electron/preload.ts may import electron.' }], []),
    },
  },
  {
    files: ['device/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          { name: 'electron', message: 'device/ must not import electron.' },
          { name: 'react', message: 'device/ must not import React.' },
        ],
        [{ group: ['**/electron/**', '**/renderer/**'], message: 'device/ must not import electron/ or renderer/.' }, linkEntry],
      ),
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          { name: 'electron', message: 'Only electron/main.ts and electron/preload.ts may import electron.' },
          { name: 'electron-store', message: 'The core takes a settings object; only electron/main.ts builds electron-store.' },
        ],
        [{ group: ['**/renderer/**'], message: 'The core must not import the renderer.' }, linkEntry],
      ),
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': restrict(
        [{ name: 'electron', message: 'The renderer talks only to the contract.' }, ...nodeBuiltins.map((name) => ({ name, message: 'The renderer must not import Node built-ins.' }))],
        [
          { group: ['node:*'], message: 'The renderer must not import Node built-ins.' },
          { group: ['**/device/**', '**/electron/core/**', '**/electron/host/**', 'serialport', 'libsql', 'conf', 'ws'], message: 'The renderer talks only to the contract (electron/contract).' },
        ],
      ),
    },
  },
  {
    files: TRANSLATED_SCREENS,
    plugins: { formatjs },
    rules: {
      'formatjs/no-literal-string-in-jsx': ['error', { props: { include: [['*', '{label,placeholder,title,aria-label}']] } }],
    },
  },
  {
    // The shell: the only place electron (and electron-store) may be imported.
    files: ['electron/main.ts', 'electron/preload.ts'],
    rules: {
      'no-restricted-imports': restrict([], [{ group: ['**/renderer/**'], message: 'The shell loads the renderer by URL, never by import.' }, linkEntry]),
    },
  },
);
