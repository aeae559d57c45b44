import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli';
import { type ExpectedError, lintFixtureTable } from './lint-fixtures';

/**
 * The layer rules cannot be bypassed: each fixture under tests/lint/fixtures is linted by the
 * repository's own eslint.config.js as if it lived in the src/ folder its first comment names
 * ("Linted as src/core"), and must fail with exactly the layer errors listed here. The last
 * fixture shows that the allowed forms stay allowed.
 */
const FIXTURES = join(REPO_ROOT, 'tests', 'lint', 'fixtures');
const RULE = 'layers/layer-imports';

const EXPECTED: Record<string, ExpectedError[]> = {
  'core-dynamic-import-electron.ts': [
    { line: 3, message: /dynamic import\(\) of "electron": src\/core must not import electron/ },
  ],
  'core-dynamic-import-main.ts': [
    {
      line: 3,
      message:
        /dynamic import\(\) of "\.\.\/\.\.\/main\/settings": src\/core may import only from src\/\{shared\}/,
    },
  ],
  'core-create-require.ts': [{ line: 4, message: /require\(\) of "electron"/ }],
  'core-create-require-bound.ts': [{ line: 5, message: /require\(\) of "electron\/main"/ }],
  'core-computed-specifier.ts': [{ line: 5, message: /computed specifier: src\/core must name/ }],
  'core-disable-next-line.ts': [{ line: 3, message: /import of "electron"/ }],
  'core-disable-file.ts': [{ line: 3, message: /import of "electron"/ }],
  'renderer-require.ts': [
    { line: 4, message: /require\(\) of "better-sqlite3": src\/renderer must not use Node/ },
    { line: 5, message: /require\(\) of "node:fs": src\/renderer must not use Node/ },
  ],
  'renderer-import-type.ts': [
    { line: 2, message: /import\(\) type of "\.\.\/\.\.\/core\/vault\/vault"/ },
  ],
  'shared-export-from.ts': [{ line: 2, message: /export … from of "\.\.\/core\/ids"/ }],
  'core-allowed.ts': [],
};

describe('layer rules', () => {
  const lintFixture = lintFixtureTable(FIXTURES, RULE, EXPECTED);

  it('a disable comment in src/ is reported, not obeyed', async () => {
    for (const name of ['core-disable-next-line.ts', 'core-disable-file.ts']) {
      const messages = await lintFixture(name);
      expect(messages.some((m) => m.ruleId === null && /noInlineConfig/.test(m.message))).toBe(
        true,
      );
    }
  });
});
