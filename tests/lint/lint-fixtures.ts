import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli';

export interface ExpectedError {
  line: number;
  message: RegExp;
}

/**
 * Lints each fixture of `folder` with the repository's own eslint.config.js as if it lived in
 * the src/ folder its first comment names ("Linted as src/core"), and checks that `rule` reports
 * exactly the expected errors (none for a fixture that shows an allowed form) and that nothing
 * else fails, so each fixture proves only its own point. Returns the linter for further checks.
 */
export function lintFixtureTable(
  folder: string,
  rule: string,
  expected: Record<string, ExpectedError[]>,
): (name: string) => Promise<ESLint.LintResult['messages']> {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: REPO_ROOT });
  });

  const lintFixture = async (name: string) => {
    const text = readFileSync(join(folder, name), 'utf8');
    const linted = /Linted as (src\/[\w/]+)/.exec(text)?.[1];
    if (!linted) throw new Error(`${name}: no "Linted as src/…" comment`);
    const [result] = await eslint.lintText(text, {
      filePath: join(REPO_ROOT, linted, 'lint-fixture.ts'),
    });
    return result!.messages;
  };

  it('every fixture has its expectation', () => {
    expect(readdirSync(folder).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [name, errors] of Object.entries(expected)) {
    it(`${name}: ${errors.length ? 'fails lint' : 'passes lint'}`, async () => {
      const messages = await lintFixture(name);
      const reported = messages
        .filter((m) => m.ruleId === rule)
        .sort((a, b) => a.line - b.line || a.message.localeCompare(b.message));
      expect(reported.map((m) => m.line)).toEqual(errors.map((e) => e.line));
      reported.forEach((m, i) => {
        expect(m.severity).toBe(2);
        expect(m.message).toMatch(errors[i]!.message);
      });
      // ruleId null: eslint's own notices (a disable comment reported, not obeyed).
      expect(messages.filter((m) => m.ruleId !== rule && m.ruleId !== null)).toEqual([]);
    });
  }
  return lintFixture;
}
