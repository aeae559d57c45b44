import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_KDF } from '../src/core/crypto/kdf';
import { importFile } from '../src/core/records/bulk-import';
import { RecordStore } from '../src/core/records/record-store';
import { withDefaults } from '../src/core/records/record-input';
import { Vault } from '../src/core/vault/vault';

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
    const pages = walPagesPerAdd(vault, bare, body);
    const best = { add: addBare, addLogged, imp: Infinity, impLogged: Infinity };
    for (let round = 0; round < 3; round++) {
      // The vault's import also indexes what it imported: the baseline does the same.
      best.imp = Math.min(
        best.imp,
        await timeAsync(async () => {
          await importFile(bare, file);
          await vault.search.indexPending();
        }),
      );
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
      'add: WAL pages written per add, without log': pages.bare,
      'add: WAL pages written per add, with log': pages.logged,
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

/**
 * Where a single add's time goes: adds are bound by the WAL's fsync, and the log's share is the
 * pages it adds to each commit (its row, its index row, the sealed head). Counted from the
 * WAL's growth with automatic checkpoints off, so both sides write to the end of the same file.
 */
function walPagesPerAdd(
  vault: Vault,
  bare: RecordStore,
  body: string,
): { bare: number; logged: number } {
  const wal = join(vault.dir, 'vault.db-wal');
  const pageBytes = (vault.db.pragma('page_size', { simple: true }) as number) + 24;
  const adds = 50;
  vault.db.pragma('wal_autocheckpoint = 0');
  const measure = (add: (i: number) => void) => {
    // Emptied first: after a checkpoint SQLite rewrites the WAL from its start, without growing it.
    vault.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(wal).size;
    for (let i = 0; i < adds; i++) add(i);
    return Math.round(((statSync(wal).size - before) / pageBytes / adds) * 10) / 10;
  };
  const result = {
    bare: measure((i) => bare.add(withDefaults({ title: `p${i}`, body }))),
    logged: measure((i) => vault.addRecord({ title: `p${i}`, body })),
  };
  vault.db.pragma('wal_autocheckpoint = 1000');
  return result;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Runs bench/verify-child.ts and returns its JSON line. */
async function child(args: string[]): Promise<{
  seconds: number;
  rssOpenMiB: number;
  peakRssMiB: number;
  liveHeapMiB: number;
  phases: Record<string, number>;
}> {
  const { execFileSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const script = fileURLToPath(new URL('./verify-child.ts', import.meta.url));
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

/** A closed bench vault of `records` imported records (indexed) and `fileMiB` of files. */
async function buildVault(dir: string, records: number, fileMiB: number): Promise<string> {
  const vaultDir = join(dir, 'vault');
  const { vault } = await Vault.create(vaultDir, 'bench passphrase', { kdf: TEST_KDF });
  const file = join(dir, 'in.jsonl');
  writeFileSync(
    file,
    Array.from({ length: records }, (_, i) =>
      JSON.stringify({ title: `T ${i}`, body: 'testimony '.repeat(200) }),
    ).join('\n'),
  );
  await vault.importFile(file);
  rmSync(file);
  const holder = vault.addRecord({ title: 'files' });
  const fileCount = Math.max(1, Math.ceil(fileMiB / 64));
  for (let i = 0; i < fileCount; i++) {
    const path = join(dir, `f${i}.bin`);
    writeFileSync(path, Buffer.alloc(Math.ceil((fileMiB / fileCount) * 1024 * 1024), i));
    await vault.attachments.attachFile(holder.id, path);
    rmSync(path);
  }
  vault.close();
  return vaultDir;
}

/**
 * `tvault verify` and `tvault backup` on a vault of `records` records and `fileMiB` of files,
 * beside baselines measured in the same run on the same folder: `sha256sum` of the blob files
 * (verify decrypts and hashes them, plus records and log) and `cp -r` of the vault folder (a
 * backup copies it, then checks the copy). The second backup is the incremental case. Each
 * verify and backup runs in its own process, for its peak memory; verify also runs on a vault
 * a tenth of the size, so the two peaks show whether its memory grows with the vault.
 */
export async function benchVerifyBackup(opts: {
  records: number;
  fileMiB: number;
}): Promise<Record<string, number | string>> {
  const { execFileSync } = await import('node:child_process');
  const { readdirSync } = await import('node:fs');
  const dir = mkdtempSync(join(tmpdir(), 'tvault-bench-verify-'));
  try {
    const smallDir = join(dir, 'small');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(smallDir);
    const small = await buildVault(
      smallDir,
      Math.max(100, Math.floor(opts.records / 10)),
      Math.max(1, Math.floor(opts.fileMiB / 10)),
    );
    const verifySmall = await child(['verify', small]);
    rmSync(smallDir, { recursive: true, force: true });

    const vaultDir = await buildVault(dir, opts.records, opts.fileMiB);
    const seconds = async (fn: () => unknown) => {
      const started = performance.now();
      await fn();
      return (performance.now() - started) / 1000;
    };
    const blobsDir = join(vaultDir, 'blobs');
    const blobs = readdirSync(blobsDir).map((n) => join(blobsDir, n));
    const sha = await seconds(() => execFileSync('sha256sum', blobs, { stdio: 'ignore' }));
    const verify = await child(['verify', vaultDir]);
    const cp = await seconds(() => execFileSync('cp', ['-r', vaultDir, join(dir, 'cp-copy')]));
    rmSync(join(dir, 'cp-copy'), { recursive: true, force: true });
    const first = await child(['backup', vaultDir, join(dir, 'backup')]);
    const incremental = await child(['backup', vaultDir, join(dir, 'backup')]);
    return {
      records: opts.records,
      'file MiB': opts.fileMiB,
      'verify seconds': round(verify.seconds),
      'baseline sha256sum of the blobs seconds': round(sha),
      'verify / sha256sum (x)': round(verify.seconds / sha),
      'verify phases seconds': Object.entries(verify.phases)
        .map(([phase, s]) => `${phase} ${round(s)}`)
        .join(', '),
      'verify peak RSS MiB': round(verify.peakRssMiB),
      'verify peak RSS MiB, vault a tenth the size': round(verifySmall.peakRssMiB),
      'verify live heap MiB (after GC, largest)': round(verify.liveHeapMiB),
      'verify live heap MiB, vault a tenth the size': round(verifySmall.liveHeapMiB),
      'RSS once unlocked MiB': round(verify.rssOpenMiB),
      'backup seconds': round(first.seconds),
      'baseline cp -r seconds': round(cp),
      'backup / cp -r (x)': round(first.seconds / cp),
      'backup peak RSS MiB': round(first.peakRssMiB),
      'incremental backup, nothing changed, seconds': round(incremental.seconds),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
