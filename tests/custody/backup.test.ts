import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupVault } from '../../src/core/backup/backup';
import { restoreVault } from '../../src/core/backup/restore';
import type { Vault } from '../../src/core/vault/vault';
import { initVaultWithCli, runCli, runCliJson, stderrLines } from '../helpers/cli';
import { flipByte } from '../helpers/raw-db';
import { TEST_PASSPHRASE, useTestVaults } from '../helpers/vault';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import { verifyVault } from '../../src/core/verify/verify-vault';

const vaults = useTestVaults();
const credentials = { passphrase: TEST_PASSPHRASE };

async function withEvidence(vault: Vault, text: string) {
  const record = vault.addRecord({ title: text });
  const file = join(vaults.temp.make(), 'e.bin');
  writeFileSync(file, `${text} `.repeat(5000));
  const info = await vault.attachments.attachFile(record.id, file);
  return { record, info };
}

function contents(vault: Vault) {
  return {
    records: vault.records.list().map((s) => [s.id, s.title, s.revision]),
    attachments: vault.records
      .list()
      .flatMap((s) => vault.attachments.list(s.id).map((a) => [a.id, a.sha256, a.size])),
  };
}

describe('backup and restore (core)', () => {
  it('restores the same records, files and log, and the restored vault verifies', async () => {
    const { vault } = await vaults.create();
    await withEvidence(vault, 'one');
    await withEvidence(vault, 'two');
    const out = vaults.temp.path('backup');
    const report = await backupVault(vault, out);
    expect(report).toMatchObject({ blobsCopied: 2, blobsKept: 0, blobsRemoved: 0 });
    const before = contents(vault);
    const log = [...vault.custody.entries()].slice(0, -1); // minus backup.made, made after
    const target = vaults.temp.path('restored');
    const restored = await restoreVault(out, target, credentials, { kdf: TEST_KDF });
    expect(restored.verify.ok).toBe(true);
    const again = await vaults.open(target);
    expect(contents(again)).toEqual(before);
    expect([...again.custody.entries()].slice(0, log.length)).toEqual(log);
    expect((await verifyVault(again)).problems).toEqual([]);
  });

  it('is incremental: unchanged files are not copied again, deleted ones leave the backup', async () => {
    const { vault } = await vaults.create();
    const { info } = await withEvidence(vault, 'one');
    const out = vaults.temp.path('backup');
    await backupVault(vault, out);
    expect(await backupVault(vault, out)).toMatchObject({ blobsCopied: 0, blobsKept: 1 });
    await withEvidence(vault, 'two');
    expect(await backupVault(vault, out)).toMatchObject({ blobsCopied: 1, blobsKept: 1 });
    vault.attachments.detach(info.id);
    expect(await backupVault(vault, out)).toMatchObject({ blobsCopied: 0, blobsRemoved: 1 });
    expect(readdirSync(join(out, 'blobs'))).toHaveLength(1);
    expect(readdirSync(out).sort()).toEqual(['backup.json', 'blobs', 'vault.db', 'vault.json']);
  });

  it('a failed backup leaves the previous backup as it was', async () => {
    const { vault } = await vaults.create();
    await withEvidence(vault, 'one');
    const out = vaults.temp.path('backup');
    await backupVault(vault, out);
    const db = readFileSync(join(out, 'vault.db'));
    const { info } = await withEvidence(vault, 'two');
    const { info: third } = await withEvidence(vault, 'three');
    rmSync(join(vault.blobsDir, third.id)); // a blob gone from the vault: the copy cannot complete
    await expect(backupVault(vault, out)).rejects.toMatchObject({ code: 'INTEGRITY.FAILED' });
    expect(readFileSync(join(out, 'vault.db')).equals(db)).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['backup.json', 'blobs', 'vault.db', 'vault.json']);
    expect(readdirSync(join(out, 'blobs'))).not.toContain(info.id);
  });

  it('a backup made during a bulk import restores to a vault that verifies', async () => {
    const { vault } = await vaults.create();
    await withEvidence(vault, 'before');
    const file = join(vaults.temp.make(), 'bulk.jsonl');
    writeFileSync(
      file,
      Array.from({ length: 6000 }, (_, i) =>
        JSON.stringify({ title: `bulk ${i}`, body: 'x '.repeat(300) }),
      ).join('\n'),
    );
    const out = vaults.temp.path('backup');
    const importing = vault.importFile(file);
    // Ask for a backup while the import writes: it waits for the import's one transaction to
    // commit (SQLite cannot copy it open), so the copy holds all of the import.
    await new Promise((r) => setTimeout(r, 50));
    const backup = backupVault(vault, out);
    const [report] = await Promise.all([importing, backup]);
    expect(report.imported).toBe(6000);
    const target = vaults.temp.path('restored');
    const restored = await restoreVault(out, target, credentials, { kdf: TEST_KDF });
    expect(restored.verify.problems).toEqual([]);
    expect(restored.verify.checked.records).toBe(6001);
  });

  it('a tampered backup does not restore, and nothing is left at the target', async () => {
    const { vault } = await vaults.create();
    const { info } = await withEvidence(vault, 'one');
    const out = vaults.temp.path('backup');
    await backupVault(vault, out);
    const blob = join(out, 'blobs', info.id);
    writeFileSync(blob, flipByte(readFileSync(blob), 100));
    const target = vaults.temp.path('restored');
    await expect(restoreVault(out, target, credentials)).rejects.toMatchObject({
      code: 'INTEGRITY.FAILED',
    });
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(vaults.temp.path('.')).filter((n) => n.includes('restoring'))).toEqual([]);
  });

  it('refuses a folder of another vault or a folder that is not a backup', async () => {
    const { vault: a } = await vaults.create();
    const { vault: b } = await vaults.create();
    const out = vaults.temp.path('backup');
    await backupVault(a, out);
    await expect(backupVault(b, out)).rejects.toMatchObject({ code: 'BACKUP.INVALID' });
    const junk = vaults.temp.make();
    writeFileSync(join(junk, 'notes.txt'), 'not a backup');
    await expect(backupVault(a, junk)).rejects.toMatchObject({ code: 'BACKUP.INVALID' });
    await expect(backupVault(a, join(a.dir, 'inside'))).rejects.toMatchObject({
      code: 'INPUT.INVALID',
    });
  });

  it("takes over only its own unfinished folder, never a vault or another vault's one", async () => {
    const { vault: a } = await vaults.create();
    const { vault: b } = await vaults.create();
    await withEvidence(a, 'one');
    // A vault folder has no backup.json either: it is never taken for an unfinished backup.
    await expect(backupVault(a, b.dir)).rejects.toMatchObject({ code: 'BACKUP.INVALID' });
    expect(readdirSync(b.dir)).not.toContain('.tvault-backup-unfinished');
    // An unfinished backup of a (as a killed run leaves it): b may not use it, a completes it.
    const out = vaults.temp.path('backup');
    mkdirSync(out);
    const unfinished = { format: 'testimony-vault-backup-unfinished', vaultId: a.vaultId };
    writeFileSync(join(out, '.tvault-backup-unfinished'), JSON.stringify(unfinished));
    writeFileSync(join(out, '.vault.db.tmp-0123abcd-journal'), 'stale');
    mkdirSync(join(out, 'blobs'));
    writeFileSync(join(out, 'blobs', '.tmp-0123abcd'), 'stale');
    await expect(restoreVault(out, vaults.temp.path('r'), credentials)).rejects.toThrow(
      /unfinished \(run the same backup again/,
    );
    await expect(backupVault(b, out)).rejects.toThrow(/unfinished backup of another vault/);
    expect(await backupVault(a, out)).toMatchObject({ blobsCopied: 1 });
    expect(readdirSync(out).sort()).toEqual(['backup.json', 'blobs', 'vault.db', 'vault.json']);
    expect(readdirSync(join(out, 'blobs'))).toHaveLength(1);
  });
});

describe('tvault backup / restore', () => {
  it('round trip with documented exit codes for every refusal', async () => {
    const dir = vaults.temp.path('cli-vault');
    await initVaultWithCli(dir);
    await runCliJson(['--vault', dir, 'add', '--title', 'kept']);
    const out = vaults.temp.path('cli-backup');
    const made = await runCliJson<{ blobsCopied: number }>([
      '--vault',
      dir,
      'backup',
      '--out',
      out,
    ]);
    expect(made.code).toBe(0);
    const target = vaults.temp.path('cli-restored');
    const restored = await runCliJson<{ verified: boolean }>(['--vault', target, 'restore', out]);
    expect(restored.code).toBe(0);
    expect(restored.json.verified).toBe(true);
    const list = await runCliJson<{ records: { title: string }[] }>(['--vault', target, 'list']);
    expect(list.json.records.map((r) => r.title)).toEqual(['kept']);

    const exists = await runCli(['--vault', target, 'restore', out]);
    expect(exists.code).toBe(2);
    expect(stderrLines(exists)).toHaveLength(1);
    const forced = await runCli(['--vault', target, 'restore', out, '--force']);
    expect(forced.code).toBe(0);

    const notBackup = vaults.temp.make();
    mkdirSync(join(notBackup, 'x'));
    const bad = await runCli(['--vault', vaults.temp.path('t2'), 'restore', notBackup]);
    expect(bad.code).toBe(2);
    expect(stderrLines(bad)).toEqual([expect.stringMatching(/is not a usable backup/)]);
    expect(existsSync(vaults.temp.path('t2'))).toBe(false);

    const wrong = await runCli(['--vault', vaults.temp.path('t3'), 'restore', out], {
      env: { TVAULT_PASSPHRASE: 'not the passphrase of it' },
    });
    expect(wrong.code).toBe(3);
    expect(existsSync(vaults.temp.path('t3'))).toBe(false);
  });
});
