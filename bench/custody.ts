import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_KDF } from '../src/core/crypto/kdf';
import { importFile } from '../src/core/records/bulk-import';
import { RecordStore } from '../src/core/records/record-store';
import { Vault, withDefaults } from '../src/core/vault/vault';

/**
 * The custody log's cost on `add` and `import` (goal: under 10 %). The baseline is the same
 * operation on the same vault through a RecordStore with the search listener but without the
 * log's; runs alternate and the best of three is kept, because the machine is shared.
 */
export async function benchCustody(opts: {
  records: number;
}): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'tvault-bench-custody-'));
  try {
    const body = 'testimony '.repeat(200);
    const file = join(dir, 'in.jsonl');
    writeFileSync(
      file,
      Array.from({ length: opts.records }, (_, i) =>
        JSON.stringify({ title: `Testimony ${i}`, body, lang: 'en', tags: ['bench'] }),
      ).join('\n'),
    );
    const { vault } = await Vault.create(join(dir, 'vault'), 'bench passphrase', { kdf: TEST_KDF });
    // Everything the vault does on a change except the log: the search index's pending mark.
    const bare = new RecordStore(vault.db, vault.keys, vault.vaultId);
    bare.onChange((id) => vault.search.markStale(id));
    const adds = Math.max(200, Math.floor(opts.records / 5));
    const time = (fn: () => unknown) => {
      const started = performance.now();
      fn();
      return (performance.now() - started) / 1000;
    };
    const timeAsync = async (fn: () => Promise<unknown>) => {
      const started = performance.now();
      await fn();
      return (performance.now() - started) / 1000;
    };
    // Adds are fsync-bound, and the disk is shared: alternate small rounds and keep the median
    // ratio, so a burst of someone else's I/O hits both sides alike.
    const rounds = 10;
    const perRound = Math.ceil(adds / rounds);
    const addRatios: number[] = [];
    let addBare = 0;
    let addLogged = 0;
    for (let round = 0; round < rounds; round++) {
      const b = time(() => {
        for (let i = 0; i < perRound; i++) bare.add(withDefaults({ title: `t${i}`, body }));
      });
      const l = time(() => {
        for (let i = 0; i < perRound; i++) vault.addRecord({ title: `t${i}`, body });
      });
      addBare += b;
      addLogged += l;
      addRatios.push(l / b);
    }
    addRatios.sort((a, b) => a - b);
    const best = { add: addBare, addLogged, imp: Infinity, impLogged: Infinity };
    for (let round = 0; round < 3; round++) {
      best.imp = Math.min(best.imp, await timeAsync(() => importFile(bare, file)));
      best.impLogged = Math.min(best.impLogged, await timeAsync(() => vault.importFile(file)));
    }
    const entries = (
      vault.db.prepare('SELECT count(*) AS n FROM custody_log').get() as {
        n: number;
      }
    ).n;
    vault.close();
    const pct = (logged: number, base: number) => Math.round((logged / base - 1) * 1000) / 10;
    return {
      'add: records': adds,
      'add without log seconds': round(best.add),
      'add with log seconds': round(best.addLogged),
      'add: log cost, median of rounds (%)': pct(addRatios[rounds >> 1]!, 1),
      'import: records': opts.records,
      'import without log seconds': round(best.imp),
      'import with log seconds': round(best.impLogged),
      'import: log cost (%)': pct(best.impLogged, best.imp),
      'log entries written': entries,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/**
 * `tvault verify` and `tvault backup` on a vault of `records` records and `fileMiB` of files,
 * beside baselines measured in the same run on the same folder: `sha256sum` of the blob files
 * (verify decrypts and hashes them, plus records and log) and `cp -r` of the vault folder (a
 * backup copies it, then checks the copy). The second backup is the incremental case.
 */
export async function benchVerifyBackup(opts: {
  records: number;
  fileMiB: number;
}): Promise<Record<string, number | string>> {
  const { execFileSync } = await import('node:child_process');
  const { readdirSync } = await import('node:fs');
  const { backupVault } = await import('../src/core/backup/backup');
  const { verifyVault } = await import('../src/core/verify/verify-vault');
  const dir = mkdtempSync(join(tmpdir(), 'tvault-bench-verify-'));
  try {
    const vaultDir = join(dir, 'vault');
    const { vault } = await Vault.create(vaultDir, 'bench passphrase', { kdf: TEST_KDF });
    const file = join(dir, 'in.jsonl');
    writeFileSync(
      file,
      Array.from({ length: opts.records }, (_, i) =>
        JSON.stringify({ title: `T ${i}`, body: 'testimony '.repeat(200) }),
      ).join('\n'),
    );
    await vault.importFile(file);
    const holder = vault.addRecord({ title: 'files' });
    const fileCount = Math.max(1, Math.ceil(opts.fileMiB / 64));
    for (let i = 0; i < fileCount; i++) {
      const path = join(dir, `f${i}.bin`);
      writeFileSync(path, Buffer.alloc(Math.ceil((opts.fileMiB / fileCount) * 1024 * 1024), i));
      await vault.attachments.attachFile(holder.id, path);
      rmSync(path);
    }
    const seconds = async (fn: () => unknown) => {
      const started = performance.now();
      await fn();
      return (performance.now() - started) / 1000;
    };
    const blobs = readdirSync(vault.blobsDir).map((n) => join(vault.blobsDir, n));
    const sha = await seconds(() => execFileSync('sha256sum', blobs, { stdio: 'ignore' }));
    const verify = await seconds(async () => {
      const report = await verifyVault(vault);
      if (!report.ok) throw new Error('bench vault does not verify');
    });
    vault.close();
    const cp = await seconds(() => execFileSync('cp', ['-r', vaultDir, join(dir, 'cp-copy')]));
    const again = await Vault.open(vaultDir, { passphrase: 'bench passphrase' });
    const first = await seconds(() => backupVault(again, join(dir, 'backup')));
    const incremental = await seconds(() => backupVault(again, join(dir, 'backup')));
    again.close();
    return {
      records: opts.records,
      'file MiB': opts.fileMiB,
      'verify seconds': round(verify),
      'baseline sha256sum of the blobs seconds': round(sha),
      'verify / sha256sum (x)': round(verify / sha),
      'backup seconds': round(first),
      'baseline cp -r seconds': round(cp),
      'backup / cp -r (x)': round(first / cp),
      'incremental backup, nothing changed, seconds': round(incremental),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
