// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';
import layers from './eslint/layer-imports.js';

// !!! Do not relax these rules !!!
// The layers of docs/architecture.md, as data: which other src/ folders each layer may import,
// and which outside worlds (Node built-ins, Electron, React/DOM) it may reach.
const LAYERS = {
  shared: { may: [], node: false, electron: false, react: false },
  core: { may: ['shared'], node: true, electron: false, react: false },
  cli: { may: ['core', 'shared'], node: true, electron: false, react: false },
  main: { may: ['core', 'shared'], node: true, electron: true, react: false },
  preload: { may: ['shared'], node: false, electron: true, react: false },
  renderer: { may: ['shared'], node: false, electron: false, react: true },
};

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
// Native or Node-only packages that would drag Node into a layer that must not have it.
const nodeOnlyPackages = [
  'better-sqlite3',
  'sodium-native',
  'libsodium-wrappers-sumo',
  'commander',
  'csv-parse',
  'file-type',
];

/** @param {keyof typeof LAYERS} layer */
function layerRule(layer) {
  const rule = LAYERS[layer];
  const forbiddenLayers = Object.keys(LAYERS).filter((l) => l !== layer && !rule.may.includes(l));
  /** @type {{ name: string, message: string }[]} */
  const modules = [];
  if (!rule.node) {
    for (const name of [...nodeBuiltins, ...nodeOnlyPackages]) {
      modules.push({ name, message: `src/${layer} must not use Node (see docs/architecture.md).` });
    }
  }
  if (!rule.electron)
    modules.push({ name: 'electron', message: `src/${layer} must not import electron.` });
  if (!rule.react) {
    for (const name of ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime']) {
      modules.push({ name, message: `src/${layer} must not import React.` });
    }
  }
  return {
    files: [`src/${layer}/**/*.{ts,tsx}`],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    plugins: { layers },
    rules: {
      // Static, dynamic, type-level imports and every form of require (eslint/layer-imports.js).
      'layers/layer-imports': [
        'error',
        {
          layer,
          forbiddenLayers,
          layerMessage: `src/${layer} may import only from src/{${rule.may.join(',')}} (see docs/architecture.md).`,
          modules,
        },
      ],
    },
  };
}

/** SQL is written only in src/core/storage (tests/lint/tables.test.ts). */
const NO_SQL = {
  selector: "CallExpression[callee.property.name='prepare']",
  message: 'SQL belongs in a table module under src/core/storage/tables (docs/architecture.md).',
};
const NO_ROW_CAST = {
  selector:
    "TSAsExpression[expression.type='CallExpression'][expression.callee.property.name=/^(get|all|iterate)$/]",
  message:
    'No row casts: the table module under src/core/storage/tables types its rows (docs/architecture.md).',
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'artifacts/**',
      'docs/test-vectors/**',
      'resources/**',
      // Code that must fail the layer rules; tests/lint/layers.test.ts lints it as src/.
      'tests/lint/fixtures/**',
      // Code that must fail the table rule; tests/lint/tables.test.ts lints it as src/.
      'tests/lint/table-fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.worker } },
    // No React component or hook over 120 lines, blank lines and comments included: a longer
    // one does two jobs (fetching and showing, or two screens) and is split (docs/ui.md).
    rules: { 'max-lines-per-function': ['error', { max: 120, IIFEs: true }] },
  },
  {
    files: ['src/cli/**/*.ts', 'scripts/**', 'bench/**', 'tests/**'],
    rules: { 'no-console': 'off' },
  },
  ...Object.keys(LAYERS).map((layer) => layerRule(/** @type {keyof typeof LAYERS} */ (layer))),
  {
    // No rule can be switched off from inside src/ (an `eslint-disable` comment would silence
    // the layer rules as easily as any other): the few exceptions are listed here, where review
    // sees them, and each names its reason.
    files: ['src/**'],
    linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'error' },
  },
  {
    // SQL and row types live in the table modules (src/core/storage/tables, Signal Desktop's
    // ts/sql pattern): a statement written elsewhere, or a row cast to a shape the SQL does not
    // promise, is how a store comes to reach into another area's table unseen.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/core/storage/**'],
    rules: { 'no-restricted-syntax': ['error', NO_SQL] },
  },
  {
    // Where a database can be reached at all (the layer rules keep better-sqlite3 out of
    // src/shared and the renderer, whose Map.get casts are not rows), no row casts either.
    files: ['src/{core,main,cli}/**/*.ts'],
    ignores: ['src/core/storage/**', '**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', NO_SQL, NO_ROW_CAST] },
  },
  {
    // Matching or refusing control characters is these files' job (terminal output, file
    // names, partner names, safe text).
    files: [
      'src/cli/format.ts',
      'src/core/fs/errors.ts',
      'src/core/partners/partner-name.ts',
      'src/main/file-names.ts',
      'src/renderer/src/ui/safe-text.ts',
    ],
    rules: { 'no-control-regex': 'off' },
  },
);
