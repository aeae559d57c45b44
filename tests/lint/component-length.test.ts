import { join } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli';

/**
 * No React component (or hook, or any function) in src/renderer over 120 lines, blank lines and
 * comments included (eslint.config.js, max-lines-per-function): these components are linted
 * with the repository's own configuration as if they were src/renderer/src files, and the one a
 * line too long must fail, whichever way it is written.
 */
const RULE = 'max-lines-per-function';

/** A component whose function spans exactly `lines` lines, written as `form`. */
function component(lines: number, form: 'function' | 'arrow'): string {
  const body: string[] = [];
  // The opening line, `return (`, the <ul> lines, `);` and the closing line: six lines.
  for (let i = 0; i < lines - 6; i++) body.push(`      <li key="${i}">{props.label} ${i}</li>`);
  const open =
    form === 'function'
      ? 'export function Long(props: { label: string }) {'
      : 'export const Long = (props: { label: string }) => {';
  return [
    '// A fixture of tests/lint/component-length.test.ts.',
    open,
    '  return (',
    '    <ul>',
    ...body,
    '    </ul>',
    '  );',
    form === 'function' ? '}' : '};',
    '',
  ].join('\n');
}

describe('React components in src/renderer stay under 120 lines', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: REPO_ROOT });
  });
  const lint = async (text: string) => {
    const [result] = await eslint.lintText(text, {
      filePath: join(REPO_ROOT, 'src', 'renderer', 'src', 'lint-fixture.tsx'),
    });
    return result!.messages;
  };

  for (const form of ['function', 'arrow'] as const) {
    it(`a ${form} component of 121 lines fails lint`, async () => {
      const messages = await lint(component(121, form));
      expect(messages.map((m) => [m.ruleId, m.line, m.severity])).toEqual([[RULE, 2, 2]]);
      expect(messages[0]!.message).toMatch(/too many lines \(121\)\. Maximum allowed is 120/);
    });

    it(`a ${form} component of 120 lines passes`, async () => {
      expect(await lint(component(120, form))).toEqual([]);
    });
  }
});
