import { spawnSync } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Issue 5's figures: a multi-GB bundle written and read in constant memory. One record with a
 * generated file of `sizeMiB` is exported from one vault to another and received there; the
 * work runs in a child process (this file with --child) so that its peak RSS is its own.
 *
 * Reported: throughput of export, of verification alone (what `tvault inspect` does) and of
 * receive (verify + import: two passes over the file, plus the attachment store's own
 * encryption), each in MiB/s of content; the peak RSS of each phase, and how much it grew over
 * the RSS before the phase (constant memory means a few tens of MiB whatever the size). The
 * ingest of the file into the sender's vault is issue 3's benchmark and is not counted.
 */
const MiB = 1024 * 1024;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SELF = fileURLToPath(import.meta.url);

export interface BundleFigures {
  [key: string]: number | string;
}

export async function benchBundles(opts: { sizeMiB: number }): Promise<BundleFigures> {
  const work = mkdtempSync(join(tmpdir(), 'tvault-bench-bundles-'));
  try {
    const result = spawnSync(
      process.execPath,
      ['--expose-gc', '--import', 'tsx', SELF, '--child', work, String(opts.sizeMiB)],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: MiB, env: { ...process.env } },
    );
    if (result.status !== 0) throw new Error(`bundle bench child failed: ${result.stderr}`);
    return JSON.parse(result.stdout.trim().split('\n').pop()!) as BundleFigures;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Deterministic incompressible bytes (ChaCha20 keystream), generated as they are consumed. */
async function* generated(bytes: number, hash: ReturnType<typeof createHash>) {
  const cipher = createCipheriv(
    'chacha20',
    createHash('sha256').update('bundle bench').digest(),
    Buffer.alloc(16),
  );
  const zeros = Buffer.alloc(4 * MiB);
  for (let left = bytes; left > 0; left -= zeros.length) {
    const piece = cipher.update(zeros.subarray(0, Math.min(left, zeros.length)));
    hash.update(piece);
    yield piece;
  }
}

/** Samples RSS on a timer and at progress ticks; `phase` returns the peak since it began. */
function rssMeter() {
  let peak = 0;
  const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
  const timer = setInterval(sample, 5);
  return {
    sample,
    start() {
      global.gc?.();
      const before = process.memoryUsage().rss;
      peak = before;
      return before;
    },
    peak() {
      sample();
      return peak;
    },
    stop() {
      clearInterval(timer);
    },
  };
}

async function child(work: string, sizeMiB: number): Promise<void> {
  const { TEST_KDF } = await import('../src/core/crypto/kdf');
  const { Vault } = await import('../src/core/vault/vault');
  const { exportBundle } = await import('../src/core/bundles/export');
  const { inspectBundle } = await import('../src/core/bundles/inspect');
  const { receiveBundle } = await import('../src/core/bundles/receive');
  const { sodium } = await import('../src/core/crypto/sodium');
  const bytes = sizeMiB * MiB;
  const pass = 'bench passphrase, not a secret';
  const { vault: a } = await Vault.create(join(work, 'a'), pass, { kdf: TEST_KDF });
  const { vault: b } = await Vault.create(join(work, 'b'), pass, { kdf: TEST_KDF });
  a.partners.add('B', b.identity.identityString());
  a.partners.verify('B');
  b.partners.add('A', a.identity.identityString());
  b.partners.verify('A');
  const record = a.addRecord({
    title: 'bench',
    consent: { status: 'given', scope: 'share-with-partners' },
  });
  const hash = createHash('sha256');
  const info = await a.attachments.attachStream(record.id, generated(bytes, hash), {
    name: 'big.bin',
  });
  const sha256 = hash.digest('hex');
  if (info.sha256 !== sha256) throw new Error('bench: ingest hash mismatch');

  const meter = rssMeter();
  const out = join(work, 'bench.tvb');
  const figures: BundleFigures = {
    sizeMiB,
    backend: sodium().backend,
  };
  const measure = async (name: string, fn: () => Promise<unknown>) => {
    const before = meter.start();
    const started = performance.now();
    await fn();
    const seconds = (performance.now() - started) / 1000;
    const peak = meter.peak();
    figures[`${name}Seconds`] = round(seconds);
    figures[`${name}MiBps`] = round(sizeMiB / seconds);
    figures[`${name}PeakRssMiB`] = round(peak / MiB);
    figures[`${name}RssGrowthMiB`] = round((peak - before) / MiB);
  };
  await measure('export', () =>
    exportBundle(a, { to: ['B'], ids: [record.id], out, onProgress: meter.sample }),
  );
  figures.bundleMiB = round(statSync(out).size / MiB);
  await measure('verify', () => inspectBundle(b, out));
  await measure('receive', () => receiveBundle(b, out, { onProgress: meter.sample }));
  meter.stop();
  const received = b.attachments.get(info.id);
  if (received.sha256 !== sha256 || received.size !== bytes)
    throw new Error('bench: the received file differs');
  figures.receivedSha256Matches = 'yes';
  a.close();
  b.close();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

if (process.argv[1] === SELF && process.argv[2] === '--child') {
  const [, , , work, size] = process.argv;
  await child(work!, Number(size));
}
