// ESLint for the project's JavaScript: the theme's scripts and the preview's live-reload script
// (run in the reader's browser), the browser tests and the benchmarks (run in Node). `.ci/run`
// runs it from the repository root, where the `files` patterns below start:
//   tests/browser/node_modules/.bin/eslint --config tests/browser/eslint.config.mjs \
//     themes src tests/browser tests/bench
import js from '@eslint/js';
import globals from 'globals';

export default [
  js.configs.recommended,
  {
    // The theme's scripts: ES modules loaded by the search page.
    files: ['themes/*/static/**/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: globals.browser,
    },
  },
  {
    // `reperes serve` injects this classic script into the pages it previews.
    files: ['src/**/*.js'],
    languageOptions: {
      ecmaVersion: 5,
      sourceType: 'script',
      globals: globals.browser,
    },
  },
  {
    // The browser editor's page script (`reperes serve --edit` and a published /admin/): the
    // browsers Decap CMS itself supports.
    files: ['src/cms/decap/*.js'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'script',
      globals: globals.browser,
    },
  },
  {
    files: ['tests/browser/**/*.mjs', 'tests/bench/**/*.mjs'],
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: {
        ...globals.node,
        // Functions passed to Playwright's `evaluate` run in the page, not in Node.
        document: 'readonly',
        window: 'readonly',
        getComputedStyle: 'readonly',
      },
    },
  },
];
