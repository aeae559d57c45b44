import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyVault } from '../../src/core/verify/verify-vault';
import { initVaultWithCli, runCli, runCliJson } from '../helpers/cli';
import { flipByte, withRawDb } from '../helpers/raw-db';
import { useTestVaults } from '../helpers/vault';

const vaults = useTestVaults();

/** A closed vault with two records (one edited), one attachment each, and a search index. */
async function sampleVault() {
  const { vault, dir } = await vaults.create();
  const a = vault.addRecord({ title: 'alpha testimony' });
  vault.updateRecord(a.id, { title: 'alpha, edited' });
  const b = vault.addRecord({ title: 'beta testimony' });
  const file = join(vaults.temp.make(), 'e.txt');
  writeFileSync(file, 'evidence '.repeat(1000));
  const fa = await vault.attachments.attachFile(a.id, file);
  const fb = await vault.attachments.attachFile(b.id, file);
  vault.search.search('alpha');
  vault.close();
  return { dir, a: a.id, b: b.id, fa: fa.id, fb: fb.id };
}

async function verify(dir: string) {
  const vault = await vaults.open(dir);
  const report = await verifyVault(vault);
  vault.close();
  return report;
}

describe('verifyVault', () => {
  it('a sound vault: ok, with every count', async () => {
    const { dir } = await sampleVault();
    const report = await verify(dir);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checked).toMatchObject({ records: 2, revisions: 3, attachments: 2 });
    expect(report.checked.logEntries).toBeGreaterThan(6);
  });

  it('an altered revision is reported by record id, the rest still checked', async () => {
    const { dir, a } = await sampleVault();
    withRawDb(dir, (db) => {
      const row = db
        .prepare('SELECT sealed FROM revisions WHERE record_id = ? AND revision = 1')
        .get(a) as { sealed: Buffer };
      db.prepare('UPDATE revisions SET sealed = ? WHERE record_id = ? AND revision = 1').run(
        Buffer.from(flipByte(row.sealed, 40)),
        a,
      );
    });
    const report = await verify(dir);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'record', id: a })]);
    expect(report.checked.attachments).toBe(2);
  });

  it('an altered or missing blob is reported by attachment id', async () => {
    const { dir, fa, fb } = await sampleVault();
    const path = join(dir, 'blobs', fa);
    const { readFileSync } = await import('node:fs');
    writeFileSync(path, flipByte(readFileSync(path), 200));
    rmSync(join(dir, 'blobs', fb));
    const report = await verify(dir);
    expect(report.problems.map((p) => [p.kind, p.id]).sort()).toEqual(
      [
        ['attachment', fa],
        ['attachment', fb],
      ].sort(),
    );
  });

  it('a record missing from the search index is reported', async () => {
    const { vault, dir } = await vaults.create();
    vault.addRecord({ title: 'one' });
    vault.search.search('one');
    vault.close();
    // Added while the index is not loaded: it waits in search_pending.
    const again = await vaults.open(dir);
    const late = again.addRecord({ title: 'two' });
    again.close();
    // The pending mark is what would have brought it into the index.
    withRawDb(dir, (db) => db.prepare('DELETE FROM search_pending').run());
    const report = await verify(dir);
    expect(report.problems).toEqual([
      expect.objectContaining({ kind: 'search-index', id: late.id }),
    ]);
  });

  it('an unreadable search index is reported', async () => {
    const { dir } = await sampleVault();
    withRawDb(dir, (db) => {
      const row = db.prepare('SELECT id, sealed FROM search_segments LIMIT 1').get() as {
        id: string;
        sealed: Buffer;
      };
      db.prepare('UPDATE search_segments SET sealed = ? WHERE id = ?').run(
        Buffer.from(flipByte(row.sealed, 30)),
        row.id,
      );
    });
    const report = await verify(dir);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'search-index' })]);
  });
});

describe('tvault verify', () => {
  it('exit 0 and the documented JSON on a sound vault; exit 6 naming a removed log entry', async () => {
    const dir = vaults.temp.path('cli-vault');
    await initVaultWithCli(dir);
    await runCliJson(['--vault', dir, 'add', '--title', 'x']);
    const sound = await runCliJson<Record<string, unknown>>(['--vault', dir, 'verify']);
    expect(sound.code).toBe(0);
    expect(Object.keys(sound.json).sort()).toEqual(['checked', 'ok', 'problems']);
    expect(sound.json.ok).toBe(true);
    withRawDb(dir, (db) => db.prepare('DELETE FROM custody_log WHERE seq = 2').run());
    const damaged = await runCliJson<{ ok: boolean; problems: { kind: string; id: string }[] }>([
      '--vault',
      dir,
      'verify',
    ]);
    expect(damaged.code).toBe(6);
    expect(damaged.json.ok).toBe(false);
    expect(damaged.json.problems).toContainEqual(
      expect.objectContaining({ kind: 'log-entry-missing', id: '2' }),
    );
    const text = await runCli(['--vault', dir, 'verify']);
    expect(text.code).toBe(6);
    expect(text.stdout).toMatch(/log-entry-missing {2}2 /);
  });
});
