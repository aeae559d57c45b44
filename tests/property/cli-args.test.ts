import fc from 'fast-check';
import type { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildProgram, run } from '../../src/cli/program';

/**
 * Issue 11, the property tests of parsers of outside data: the command line. Arguments built
 * from the real commands and options, mixed with arbitrary text, are parsed by the real program
 * (the commands' actions replaced by no-ops, so nothing touches a vault): the run ends with 0
 * or the usage exit code 2, never throws, and a refusal is one line on stderr (the README's
 * promise) and, with --json, one JSON document on stdout.
 */
const RUNS = 300;

function allCommands(command: Command): Command[] {
  return [command, ...command.commands.flatMap(allCommands)];
}

/** The program with every action replaced by a no-op and its output captured. */
function quietProgram(out: string[], err: string[]): Command {
  const program = buildProgram();
  for (const command of allCommands(program)) {
    const hasAction = (command as unknown as { _actionHandler: unknown })._actionHandler;
    if (hasAction) command.action(() => undefined);
    command.configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  }
  return program;
}

const program = buildProgram();
const names = allCommands(program).map((c) => c.name());
const flags = allCommands(program).flatMap((c) =>
  c.options.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f)),
);
const token = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...names) },
  { weight: 4, arbitrary: fc.constantFrom(...flags) },
  { weight: 2, arbitrary: fc.constantFrom('--', '-', '--json', 'given', '1', '-1', 'x=y', '') },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => `--${s}`) },
);
const argv = fc.array(token, { maxLength: 8 });

let stdout: string[];
let stderr: string[];
beforeEach(() => {
  stdout = [];
  stderr = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => (stdout.push(String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => (stderr.push(String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

async function parse(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  stdout.length = 0;
  stderr.length = 0;
  const code = await run(['node', 'tvault', ...args], quietProgram(out, err));
  return { code, out: [...out, ...stdout].join(''), err: [...err, ...stderr].join('') };
}

function expectUsageRefusal(args: string[], result: { out: string; err: string }): void {
  const lines = result.err.split('\n').filter((l) => l !== '');
  expect(lines, `${JSON.stringify(args)}\n${result.err}`).toHaveLength(1);
  expect(lines[0]).toMatch(/^tvault: .*--help/);
  if (args.includes('--json')) {
    const doc = JSON.parse(result.out) as { error: { code: string; message: string } };
    expect(doc.error.code).toBe('INPUT.INVALID');
    expect(doc.error.message).not.toMatch(/outputHelp/);
  }
}

describe('property: command-line arguments', () => {
  it('a missing command is one line, not the whole help (exit 2)', async () => {
    for (const args of [[], ['partner'], ['--json', 'partner'], ['--json']]) {
      const result = await parse(args);
      expect(result.code, args.join(' ')).toBe(2);
      expectUsageRefusal(args, result);
    }
  });

  it('any argument list: exit 0 or 2, never a throw, a refusal in one line', async () => {
    await fc.assert(
      fc.asyncProperty(argv, async (args) => {
        const result = await parse(args);
        expect([0, 2], JSON.stringify(args)).toContain(result.code);
        const asksHelp = args.some((a) => ['-h', '--help', 'help'].includes(a));
        if (result.code === 2 && !asksHelp) expectUsageRefusal(args, result);
      }),
      { numRuns: RUNS },
    );
  });
});
