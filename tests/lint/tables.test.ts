import { join } from 'node:path';
import { describe } from 'vitest';
import { REPO_ROOT } from '../helpers/cli';
import { type ExpectedError, lintFixtureTable } from './lint-fixtures';

/**
 * SQL is written only in the table modules under src/core/storage (docs/architecture.md): each
 * fixture under tests/lint/table-fixtures is linted by the repository's eslint.config.js as if
 * it lived in the folder its first comment names, and must fail with exactly these errors.
 */
const FIXTURES = join(REPO_ROOT, 'tests', 'lint', 'table-fixtures');
const RULE = 'no-restricted-syntax';
const SQL = /SQL belongs in a table module under src\/core\/storage\/tables/;
const CAST = /No row casts/;

const EXPECTED: Record<string, ExpectedError[]> = {
  'records-sql.ts': [
    { line: 4, message: CAST },
    { line: 4, message: SQL },
    { line: 7, message: SQL },
  ],
  'main-row-cast.ts': [{ line: 3, message: CAST }],
  'table-module.ts': [],
  'shared-map-cast.ts': [],
};

describe('SQL only in the table modules', () => {
  lintFixtureTable(FIXTURES, RULE, EXPECTED);
});
