import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_KDF } from '../src/core/crypto/kdf';
import { Vault } from '../src/core/vault/vault';

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
