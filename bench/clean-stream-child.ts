/**
 * The streamed-cleaning half of bench/evidence.ts, in its own process so that its memory figure
 * is the cleaning's own: `node --expose-gc --import tsx bench/clean-stream-child.ts FILE WORK`.
 * Attaches FILE (a big MOV) to a new vault (weak test KDF), then, from the sealed blob: the
 * SHA-256 of the decrypted bytes (the baseline: what sending the file as it is costs), the
 * export's first pass (edits from the headers, then one pass hashing the original and the
 * copy) and its second pass (the copy's pieces, hashed as the bundle writer does), after one
 * unmeasured pass that warms the page cache and the code. Prints one
 * JSON line: seconds and CPU seconds of each, and the peak RSS while cleaning.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { TEST_KDF } from '../src/core/crypto/kdf';
import { ExportedFiles } from '../src/core/bundles/exported-files';
import { Vault } from '../src/core/vault/vault';

const [file, work] = process.argv.slice(2);
if (!file || !work) throw new Error('usage: clean-stream-child.ts FILE WORK_DIR');

const { vault } = await Vault.create(join(work, 'vault'), 'bench passphrase, not a secret', {
  kdf: TEST_KDF,
});
const recordId = vault.addRecord({ title: 'bench' }).id;
const info = await vault.attachments.attachFile(recordId, file);
const read = (id: string, range?: { start: number; end: number }) =>
  vault.attachments.readStream(id, range);

global.gc?.();
const rssBefore = process.memoryUsage.rss();
let peak = rssBefore;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);

async function timed<T>(work: () => Promise<T>) {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu);
  return {
    value,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
  };
}

const hashBlob = async () => {
  const hash = createHash('sha256');
  for await (const piece of read(info.id)) hash.update(piece);
  return hash.digest('hex');
};
// A first pass unmeasured: the blob in the page cache and the code warm for every pass after.
await hashBlob();
const sha256 = await timed(hashBlob);
const files = new ExportedFiles(read, false);
const plan = await timed(() => files.plan(info));
const write = await timed(async () => {
  const hash = createHash('sha256');
  let size = 0;
  let location = false;
  for await (const piece of files.content(info.id)) {
    hash.update(piece);
    size += piece.length;
    if (!location && Buffer.from(piece.buffer, piece.byteOffset, piece.length).includes('+35.69'))
      location = true;
  }
  return { sha256: hash.digest('hex'), size, location };
});
clearInterval(timer);
vault.close();
const sent = plan.value;
if (sent.form !== 'cleaned' || sent.sha256 !== write.value.sha256 || sha256.value !== info.sha256)
  throw new Error('the streamed copy does not match its plan');

process.stdout.write(
  `${JSON.stringify({
    size: info.size,
    removed: sent.removed.join(','),
    locationInCopy: write.value.location ? 'PRESENT' : 'none',
    sha256Seconds: sha256.seconds,
    sha256CpuSeconds: sha256.cpuSeconds,
    planSeconds: plan.seconds,
    planCpuSeconds: plan.cpuSeconds,
    writeSeconds: write.seconds,
    writeCpuSeconds: write.cpuSeconds,
    rssBefore,
    peakRss: Math.max(peak, process.memoryUsage.rss()),
  })}\n`,
);
