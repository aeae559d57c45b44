import { join } from 'node:path';
import { createRequire } from 'node:module';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/cli';

/**
 * The no-circular rule of .dependency-cruiser.cjs (run by `npm run lint`) catches a cycle made
 * only of `import type`, and src/ has none.
 */
const config = createRequire(import.meta.url)(join(REPO_ROOT, '.dependency-cruiser.cjs')) as {
  forbidden: unknown[];
  options: Record<string, unknown>;
};

async function cycles(path: string, options: Record<string, unknown> = {}): Promise<string[]> {
  const result = await cruise([path], {
    ...config.options,
    ...options,
    baseDir: REPO_ROOT,
    validate: true,
    ruleSet: { forbidden: config.forbidden },
  } as Parameters<typeof cruise>[1]);
  if (typeof result.output === 'string') throw new Error('unexpected string output');
  return result.output.summary.violations
    .filter((v) => v.rule.name === 'no-circular')
    .map((v) => `${v.from} -> ${v.to}`);
}

describe('import cycles', () => {
  it('fails on a cycle of type-only imports', async () => {
    expect(await cycles('tests/lint/cycle-fixture')).toEqual([
      'tests/lint/cycle-fixture/store.ts -> tests/lint/cycle-fixture/vault.ts',
    ]);
    // The cycle exists only in the types: counting them is what makes it visible.
    expect(await cycles('tests/lint/cycle-fixture', { tsPreCompilationDeps: false })).toEqual([]);
  });

  it('finds none in src', async () => {
    expect(await cycles('src')).toEqual([]);
  }, 60_000);
});
