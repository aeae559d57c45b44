import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli';

/**
 * SQL is written only in the table modules under src/core/storage (docs/architecture.md): each
 * fixture under tests/lint/table-fixtures is linted by the repository's eslint.config.js as if
 * it lived in the folder its first comment names, and must fail with exactly these errors.
 */
const FIXTURES = join(REPO_ROOT, 'tests', 'lint', 'table-fixtures');
const RULE = 'no-restricted-syntax';
const SQL = /SQL belongs in a table module under src\/core\/storage\/tables/;
const CAST = /No row casts/;

const EXPECTED: Record<string, { line: number; message: RegExp }[]> = {
  'records-sql.ts': [
    { line: 4, message: CAST },
    { line: 4, message: SQL },
    { line: 7, message: SQL },
  ],
  'main-row-cast.ts': [{ line: 3, message: CAST }],
  'table-module.ts': [],
  'shared-map-cast.ts': [],
};

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: REPO_ROOT });
});

async function lintFixture(name: string) {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  const folder = /Linted as (src\/[\w/]+)/.exec(text)?.[1];
  if (!folder) throw new Error(`${name}: no "Linted as src/…" comment`);
  const [result] = await eslint.lintText(text, {
    filePath: join(REPO_ROOT, folder, 'lint-fixture.ts'),
  });
  return result!.messages;
}

describe('SQL only in the table modules', () => {
  it('every fixture has its expectation', () => {
    expect(readdirSync(FIXTURES).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: ${expected.length ? 'fails lint' : 'passes lint'}`, async () => {
      const messages = await lintFixture(name);
      const errors = messages
        .filter((m) => m.ruleId === RULE)
        .sort((a, b) => a.line - b.line || a.message.localeCompare(b.message));
      expect(errors.map((m) => m.line)).toEqual(expected.map((e) => e.line));
      errors.forEach((m, i) => {
        expect(m.severity).toBe(2);
        expect(m.message).toMatch(expected[i]!.message);
      });
      // Nothing else fails in the fixtures, so each one proves only its own point.
      expect(messages.filter((m) => m.ruleId !== RULE)).toEqual([]);
    });
  }
});
