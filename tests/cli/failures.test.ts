import { chmodSync, chownSync, mkdirSync, readdirSync, statSync, truncateSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initVaultWithCli, runCli, runCliJson, stderrLines } from '../helpers/cli';
import { useImmutable } from '../helpers/fs-faults';
import { useTempDirs } from '../helpers/temp-dirs';
import { useVaultTemplate } from '../helpers/vault-template';

/**
 * Clean failures (issue 11, points 3-7, 9, 11): every file-system failure is one line on stderr
 * naming the file and the cause, with the exit code the README lists; a failing command never
 * writes; nothing claims success that did not happen.
 */
const temp = useTempDirs();
const immutable = useImmutable();
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/** One `tvault init` for the file, copied for each test; the partner's vault likewise. */
const template = useVaultTemplate((dir) => initVaultWithCli(dir));
const partnerTemplate = useVaultTemplate(async (dir) => {
  await initVaultWithCli(dir);
  const identity = await runCliJson<{ identity: string }>(['--vault', dir, 'identity']);
  expect(identity.code, identity.stderr).toBe(0);
  return identity.json.identity;
});

async function newVault() {
  const { dir } = await template.copy(temp.path('vault'));
  return { dir, v: ['--vault', dir] };
}

async function add(v: string[], ...extra: string[]): Promise<string> {
  const result = await runCliJson<{ id: string }>([...v, 'add', '--title', 'T', ...extra]);
  expect(result.code, result.stderr).toBe(0);
  return result.json.id;
}

/** Exactly one stderr line "tvault: …" matching every pattern, no stack trace. */
function expectOneLine(result: { stderr: string }, ...patterns: RegExp[]): void {
  const lines = stderrLines(result as never);
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^tvault: /);
  for (const pattern of patterns) expect(lines[0]).toMatch(pattern);
  expect(lines[0]).not.toMatch(/internal error/);
}

/** A second vault that trusts the first, so that exports have a recipient. */
async function withPartner(v: string[]): Promise<string> {
  const { facts: identity } = await partnerTemplate.copy(temp.path('partner'));
  expect((await runCli([...v, 'partner', 'add', 'Beta', identity])).code).toBe(0);
  expect((await runCli([...v, 'partner', 'verify', 'Beta', '--yes'])).code).toBe(0);
  return identity;
}

const consented = ['--consent', 'given', '--scope', 'share-with-partners'];

describe('file-system failures: one line naming the file and the cause (point 3)', () => {
  it('export into a missing folder (exit 4) or onto a folder (exit 2)', async () => {
    const { v } = await newVault();
    await add(v, ...consented);
    await withPartner(v);
    const out = temp.make();
    const missing = await runCli([
      ...v,
      'export',
      '--to',
      'Beta',
      '--all',
      '--out',
      join(out, 'no', 'b.tvb'),
    ]);
    expect(missing.code).toBe(4);
    expectOneLine(missing, /no[/\\]b\.tvb|[/\\]no\b/, /does not exist|no such/i);
    mkdirSync(join(out, 'folder'));
    const folder = await runCli([
      ...v,
      'export',
      '--to',
      'Beta',
      '--all',
      '--out',
      join(out, 'folder'),
      '--force',
    ]);
    expect(folder.code).toBe(2);
    expectOneLine(folder, /folder/);
    expect(readdirSync(out).sort()).toEqual(['folder']);
  });

  it('receive of a folder: exit 2, one line', async () => {
    const { v } = await newVault();
    const result = await runCli([...v, 'receive', temp.make()]);
    expect(result.code).toBe(2);
    expectOneLine(result, /folder/);
  });

  it.skipIf(!isRoot)(
    'a vault folder or database that cannot be written: exit 7, naming it',
    async () => {
      const { dir, v } = await newVault();
      await add(v);
      expect(immutable.set(join(dir, 'vault.db')), 'chattr +i is needed for this test').toBe(true);
      const db = await runCli([...v, 'add', '--title', 'x']);
      expect(db.code).toBe(7);
      expectOneLine(db, /vault\.db/, /read-only|permission|not writable/i);
      spawnUndo(join(dir, 'vault.db'));
      expect(immutable.set(dir)).toBe(true);
      const folder = await runCli([...v, 'add', '--title', 'x']);
      expect(folder.code).toBe(7);
      expectOneLine(folder, new RegExp(escape(dir)), /read-only|permission|not writable/i);
    },
  );

  it.skipIf(!isRoot)('an unreadable vault.json: exit 7, naming it', async () => {
    const { dir, v } = await newVault();
    chownTree(dir, NOBODY);
    chmodSync(join(dir, 'vault.json'), 0o000);
    const result = await runCli([...v, 'list'], { uid: NOBODY });
    expect(result.code).toBe(7);
    expectOneLine(result, /vault\.json/, /permission/i);
  });
});

describe('exit codes as documented (point 4)', () => {
  it('partner add with an invalid identity or an existing name: 2', async () => {
    const { v } = await newVault();
    const bad = await runCli([...v, 'partner', 'add', 'Beta', 'garbage']);
    expect(bad.code).toBe(2);
    const identity = await withPartner(v);
    const again = await runCli([...v, 'partner', 'add', 'Beta', identity]);
    expect(again.code).toBe(2);
    expectOneLine(again, /Beta/);
  });

  it('init over a vault: 2; receive of a missing file: 4; extract into a missing folder: 4', async () => {
    const { dir, v } = await newVault();
    const init = await runCli([...v, 'init']);
    expect(init.code).toBe(2);
    const receive = await runCli([...v, 'receive', join(dir, 'nothing.tvb')]);
    expect(receive.code).toBe(4);
    expectOneLine(receive, /nothing\.tvb/);
    const id = await add(v);
    const file = join(temp.make(), 'evidence.txt');
    writeFileSync(file, 'evidence');
    const attached = await runCliJson<{ attachments: { id: string }[] }>([
      ...v,
      'attach',
      id,
      file,
    ]);
    const attachment = attached.json.attachments[0]!.id;
    const extract = await runCli([
      ...v,
      'extract',
      attachment,
      '--out',
      join(temp.make(), 'no', 'x.txt'),
    ]);
    expect(extract.code).toBe(4);
    expectOneLine(extract, /does not exist/);
  });

  it('export --ids with an unknown full id: "no record with id", exit 4', async () => {
    const { v } = await newVault();
    await add(v, ...consented);
    await withPartner(v);
    const unknown = 'f'.repeat(32);
    const result = await runCli([
      ...v,
      'export',
      '--to',
      'Beta',
      '--ids',
      unknown,
      '--out',
      join(temp.make(), 'b.tvb'),
    ]);
    expect(result.code).toBe(4);
    expectOneLine(result, new RegExp(`No record with id ${unknown}`));
  });
});

describe('a failing read never writes (point 5)', () => {
  it('an emptied vault.db: list exits 6 and the file stays empty', async () => {
    const { dir, v } = await newVault();
    truncateSync(join(dir, 'vault.db'), 0);
    const result = await runCli([...v, 'list']);
    expect(result.code).toBe(6);
    expect(statSync(join(dir, 'vault.db')).size).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['blobs', 'vault.db', 'vault.json']);
  });
});

describe('delete is honest (point 6)', () => {
  it.skipIf(!isRoot)(
    'a blob that cannot be removed: a failure, and the next run finishes it',
    async () => {
      const { dir, v } = await newVault();
      const id = await add(v);
      const file = join(temp.make(), 'evidence.txt');
      writeFileSync(file, 'evidence');
      expect((await runCli([...v, 'attach', id, file])).code).toBe(0);
      const blobs = join(dir, 'blobs');
      expect(readdirSync(blobs)).toHaveLength(1);
      expect(immutable.set(blobs)).toBe(true);
      const result = await runCli([...v, 'delete', id, '--yes']);
      expect(result.code).toBe(7);
      expectOneLine(result, /blobs/, /not removed|could not be removed|cannot remove/i);
      expect(result.stdout).not.toMatch(/Deleted/);
      spawnUndo(blobs);
      // The record is gone; the next run removes the blob left behind.
      const list = await runCliJson<{ records: unknown[] }>([...v, 'list']);
      expect(list.json.records).toEqual([]);
      expect(readdirSync(blobs)).toEqual([]);
    },
  );
});

describe('export refuses the vault folder (point 7)', () => {
  it('export --out inside the vault folder: exit 2, nothing written', async () => {
    const { dir, v } = await newVault();
    await add(v, ...consented);
    await withPartner(v);
    const before = readdirSync(dir).sort();
    for (const out of [join(dir, 'b.tvb'), join(dir, 'blobs', 'b.tvb')]) {
      const result = await runCli([...v, 'export', '--to', 'Beta', '--all', '--out', out]);
      expect(result.code).toBe(2);
      expectOneLine(result, /outside the vault folder/);
    }
    expect(readdirSync(dir).sort()).toEqual(before);
  });
});

describe('usage errors: one line on stderr (point 9)', () => {
  it('unknown option, unknown command, missing argument', async () => {
    const { v } = await newVault();
    for (const args of [['list', '--bogus'], ['frob'], ['show'], ['add', '--consent', 'maybe']]) {
      const result = await runCli([...v, ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expectOneLine(result, /tvault --help/);
      expect(result.stdout).toBe('');
    }
  });
});

describe('import rejections name the line and the rule, never text from the file (point 11)', () => {
  it('an unknown field name is not quoted', async () => {
    const { v } = await newVault();
    const secret = 'Amina_lives_at_12_Rue';
    const file = join(temp.make(), 'in.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ title: 'ok' })}\n${JSON.stringify({ title: 'x', [secret]: 1 })}\n`,
    );
    const result = await runCliJson<{
      imported: number;
      rejected: { line: number; reason: string }[];
    }>([...v, 'import', file]);
    expect(result.json.rejected).toHaveLength(1);
    expect(result.json.rejected[0]!.line).toBe(2);
    expect(result.json.rejected[0]!.reason).toMatch(/unknown field/);
    expect(JSON.stringify(result.json) + result.stderr).not.toContain('Amina');
    const csv = join(temp.make(), 'in.csv');
    writeFileSync(csv, `title,${secret}\nok,1\n`);
    const fromCsv = await runCliJson<{ rejected: { reason: string }[] }>([...v, 'import', csv]);
    expect(JSON.stringify(fromCsv.json) + fromCsv.stderr).not.toContain('Amina');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function spawnUndo(path: string): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('node:child_process').spawnSync('chattr', ['-i', path]);
}

function chownTree(dir: string, uid: number): void {
  chownSync(join(dir, '..'), uid, uid);
  chownSync(dir, uid, uid);
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    chownSync(join(dir, name), uid, uid);
  }
}
