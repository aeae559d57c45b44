import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flipByte, withRawDb } from '../helpers/raw-db';
import { initVaultWithCli, runCli, runCliJson, stderrLines } from '../helpers/cli';
import { readFolder } from '../helpers/scan';
import { useTempDirs } from '../helpers/temp-dirs';
import { useVaultTemplate } from '../helpers/vault-template';

/**
 * Errors: one line on stderr naming the problem, a non-zero exit code by family, no stack
 * trace unless TVAULT_DEBUG, and with --json exactly one JSON document {error: {code, message}}.
 */
const temp = useTempDirs();
/** One `tvault init` for the file, copied for each test (every copy has the same recovery key). */
const template = useVaultTemplate((dir) => initVaultWithCli(dir));

async function newVault() {
  const { dir, facts } = await template.copy(temp.path('vault'));
  return { dir, v: ['--vault', dir], recoveryKey: facts.recoveryKey };
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, bytes] of readFolder(dir)) out[file] = bytes.toString('base64');
  return out;
}

/** Exactly one stderr line, "tvault: ..." matching `pattern`, and no stack trace. */
function expectOneLine(result: { stderr: string }, pattern: RegExp): void {
  const lines = stderrLines(result as never);
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^tvault: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

describe('wrong passphrase and recovery key', () => {
  it('a wrong passphrase: exit 3, one line saying so, no stack, nothing changed', async () => {
    const { dir, v } = await newVault();
    await runCliJson([...v, 'add', '--title', 'x']);
    const before = snapshot(dir);
    const wrong = 'not the passphrase at all';
    const result = await runCli([...v, 'list'], { env: { TVAULT_PASSPHRASE: wrong } });
    expect(result.code).toBe(3);
    expectOneLine(result, /wrong passphrase/i);
    expect(result.stderr + result.stdout).not.toContain(wrong);
    expect(result.stdout).toBe('');
    const json = await runCliJson<{ error: { code: string; message: string } }>([...v, 'list'], {
      env: { TVAULT_PASSPHRASE: wrong },
    });
    expect(json.code).toBe(3);
    expect(json.json).toEqual({
      error: { code: 'VAULT.WRONG_PASSPHRASE', message: expect.any(String) },
    });
    expect(snapshot(dir)).toEqual(before);
  });

  it('TVAULT_DEBUG=1 adds the stack trace', async () => {
    const { v } = await newVault();
    const result = await runCli([...v, 'list'], {
      env: { TVAULT_PASSPHRASE: 'wrong wrong wrong', TVAULT_DEBUG: '1' },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^\s+at /m);
  });

  it('the recovery key unlocks (lower case and spaces forgiven); a mistyped one is refused', async () => {
    const { v, recoveryKey } = await newVault();
    const { json } = await runCliJson<{ id: string }>([...v, 'add', '--title', 'recovered']);
    const sloppy = recoveryKey.toLowerCase().replace(/-/g, ' ');
    const ok = await runCliJson<{ title: string }>([...v, 'show', json.id], {
      env: { TVAULT_PASSPHRASE: undefined, TVAULT_RECOVERY_KEY: sloppy },
    });
    expect(ok.code).toBe(0);
    expect(ok.json.title).toBe('recovered');
    const i = recoveryKey.length - 2;
    const typo =
      recoveryKey.slice(0, i) + (recoveryKey[i] === 'A' ? 'B' : 'A') + recoveryKey.slice(i + 1);
    const bad = await runCli([...v, 'list'], { env: { TVAULT_RECOVERY_KEY: typo } });
    expect(bad.code).toBe(3);
    expectOneLine(bad, /recovery key/i);
  });

  it('no passphrase and no terminal: a clear error, not a hang', async () => {
    const { v } = await newVault();
    const result = await runCli([...v, 'list'], { env: { TVAULT_PASSPHRASE: undefined } });
    expect(result.code).toBe(2);
    expectOneLine(result, /TVAULT_PASSPHRASE/);
  });

  it('a passphrase piped on stdin is read (non-interactive use)', async () => {
    const { v } = await newVault();
    const result = await runCliJson<{ records: unknown[] }>([...v, 'list'], {
      env: { TVAULT_PASSPHRASE: undefined },
      input: 'correct horse battery staple\n',
    });
    expect(result.code).toBe(0);
    expect(result.json).toEqual({ records: [] });
  });
});

describe('vault not found, init on an existing vault', () => {
  it('a missing vault: exit 4, one line, --json error; nothing is created', async () => {
    const dir = temp.path('nowhere');
    const result = await runCli(['--vault', dir, 'list']);
    expect(result.code).toBe(4);
    expectOneLine(result, /No vault found/);
    const json = await runCliJson<{ error: { code: string } }>([
      '--vault',
      dir,
      'add',
      '--title',
      'x',
    ]);
    expect(json.json.error.code).toBe('VAULT.NOT_FOUND');
    expect(readFolder(temp.make()).size).toBe(0);
  });

  it('TVAULT_DIR chooses the vault when --vault is absent', async () => {
    const { dir } = await newVault();
    const result = await runCliJson<{ records: unknown[] }>(['list'], { env: { TVAULT_DIR: dir } });
    expect(result.code).toBe(0);
  });

  it('init on an existing vault refuses and changes nothing; so does init into a non-empty folder', async () => {
    const { dir, v } = await newVault();
    await runCliJson([...v, 'add', '--title', 'precious']);
    const before = snapshot(dir);
    const again = await runCliJson<{ error: { code: string } }>([...v, 'init']);
    expect(again.code).not.toBe(0);
    expect(again.json.error.code).toBe('VAULT.ALREADY_EXISTS');
    expect(snapshot(dir)).toEqual(before);

    const busy = temp.make();
    writeFileSync(join(busy, 'thesis.docx'), 'someone’s work');
    const refused = await runCli(['--vault', busy, 'init']);
    expect(refused.code).not.toBe(0);
    expectOneLine(refused, /already exists|not empty/);
    expect([...readFolder(busy).keys()]).toEqual(['thesis.docx']);
  });
});

describe('hostile input is refused and nothing is stored', () => {
  it('each case: exit 2, one line naming the problem', async () => {
    const { v } = await newVault();
    const dir = temp.make();
    const file = (name: string, content: Buffer | string) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };
    const cases: [string[], RegExp][] = [
      [['--body-file', file('bad.txt', Buffer.from([0x61, 0xff, 0xfe, 0x62]))], /UTF-8/],
      [['--body-file', file('nul.txt', 'before\u0000after')], /NUL/],
      [['--body-file', join(dir, 'missing.txt')], /Cannot read/],
      [['--body', 'x', '--body-file', file('ok.txt', 'ok')], /either --body or --body-file/],
      [['--date', '2024-02-30'], /date/],
      [['--date', 'yesterday'], /date/],
      [['--lang', 'not a tag!'], /lang/],
      [['--consent-date', '2024-13-01'], /consent\.date/],
      [['--consent', 'maybe'], /consent|choices/i],
      [['--scope', 'everyone'], /scope|choices/i],
      [['--tag', '   '], /tag/],
      [['--unknown-option', 'x'], /unknown option/],
    ];
    for (const [args, pattern] of cases) {
      const result = await runCli([...v, 'add', '--title', 'hostile', ...args]);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(stderrLines(result).join('\n'), args.join(' ')).toMatch(pattern);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    }
    for (const title of ['', '   ']) {
      const result = await runCli([...v, 'add', '--title', title]);
      expect(result.code).toBe(2);
      expectOneLine(result, /title/);
    }
    const missingTitle = await runCli([...v, 'add', '--body', 'no title']);
    expect(missingTitle.code).toBe(2);
    // Usage errors under --json are one JSON document too.
    const usage = await runCliJson<{ error: { code: string } }>([
      ...v,
      'add',
      '--title',
      't',
      '--consent',
      'maybe',
    ]);
    expect(usage.code).toBe(2);
    expect(usage.json.error.code).toBe('INPUT.INVALID');
    const list = await runCliJson<{ records: unknown[] }>([...v, 'list']);
    expect(list.json.records).toEqual([]);
  });

  it('unknown ids and bad revisions', async () => {
    const { v } = await newVault();
    const { json } = await runCliJson<{ id: string }>([...v, 'add', '--title', 'x']);
    for (const args of [
      ['show', 'f'.repeat(32)],
      ['show', 'zzzzzz'],
      ['history', '123456'],
      ['delete', 'abcdef', '--yes'],
    ]) {
      const result = await runCliJson<{ error: { code: string } }>([...v, ...args]);
      expect(result.code, args.join(' ')).toBe(4);
      expect(result.json.error.code).toBe('RECORD.NOT_FOUND');
    }
    const bad = await runCliJson<{ error: { code: string } }>([
      ...v,
      'show',
      json.id,
      '--revision',
      '7',
    ]);
    expect(bad.code).toBe(2);
    const nan = await runCliJson<{ error: { code: string } }>([
      ...v,
      'show',
      json.id,
      '--revision',
      'abc',
    ]);
    expect(nan.code).toBe(2);
  });

  it('import of a missing file or another type: exit 2, IMPORT.INVALID_FILE', async () => {
    const { v } = await newVault();
    const dir = temp.make();
    mkdirSync(join(dir, 'folder.jsonl'));
    for (const path of [
      join(dir, 'missing.jsonl'),
      join(dir, 'folder.jsonl'),
      join(dir, 'x.xlsx'),
    ]) {
      const result = await runCliJson<{ error: { code: string } }>([...v, 'import', path]);
      expect(result.code).toBe(2);
      expect(result.json.error.code).toBe('IMPORT.INVALID_FILE');
    }
  });
});

describe('integrity failures through the CLI', () => {
  it('a tampered record: exit 6, one line naming the record; other records still show', async () => {
    const { dir, v } = await newVault();
    const { json: a } = await runCliJson<{ id: string }>([...v, 'add', '--title', 'tampered']);
    const { json: b } = await runCliJson<{ id: string }>([...v, 'add', '--title', 'intact']);
    withRawDb(dir, (db) => {
      const row = db.prepare('SELECT sealed FROM revisions WHERE record_id = ?').get(a.id) as {
        sealed: Buffer;
      };
      db.prepare('UPDATE revisions SET sealed = ? WHERE record_id = ?').run(
        flipByte(row.sealed, 40),
        a.id,
      );
    });
    const result = await runCli([...v, 'show', a.id]);
    expect(result.code).toBe(6);
    expectOneLine(result, new RegExp(`Integrity check failed for record ${a.id}`));
    const json = await runCliJson<{ error: { code: string } }>([...v, 'show', a.id]);
    expect(json.json.error.code).toBe('INTEGRITY.FAILED');
    const other = await runCliJson<{ title: string }>([...v, 'show', b.id]);
    expect(other.json.title).toBe('intact');
  });
});
