/**
 * The ingest half of bench/attachments.ts, in its own process so that its memory figures are
 * the ingest's own: `node --import tsx bench/attachments-child.ts FILE WORK_DIR`. Creates a
 * vault (weak test KDF: key derivation is not what is measured), attaches FILE, extracts it
 * back, and prints one JSON line. TVAULT_SODIUM=wasm measures the fallback.
 */
import { join } from 'node:path';
import { sodium } from '../src/core/crypto/sodium';
import { TEST_KDF } from '../src/core/crypto/kdf';
import { Vault } from '../src/core/vault/vault';

const [file, work] = process.argv.slice(2);
if (!file || !work) throw new Error('usage: attachments-child.ts FILE WORK_DIR');

const { vault } = await Vault.create(join(work, 'vault'), 'bench passphrase, not a secret', {
  kdf: TEST_KDF,
});
const recordId = vault.addRecord({ title: 'bench' }).id;
global.gc?.();
const rssBefore = process.memoryUsage.rss();
let peak = rssBefore;
// Sampled (cheaply: rss() alone) on a timer, as the event loop turns between reads and writes,
// and every 8 MiB of progress.
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);

const cpuBefore = process.cpuUsage();
const started = performance.now();
const info = await vault.attachments.attachFile(recordId, file, {
  onProgress: (done) => {
    if (done % (8 * 1024 * 1024) < 1024 * 1024) peak = Math.max(peak, process.memoryUsage.rss());
  },
});
const ingestSeconds = (performance.now() - started) / 1000;
// All threads of the process (main, hash worker, libuv's I/O pool): user + system.
const cpu = process.cpuUsage(cpuBefore);
const ingestCpuSeconds = (cpu.user + cpu.system) / 1e6;
const ingestPeak = Math.max(peak, process.memoryUsage.rss());

const extractStarted = performance.now();
await vault.attachments.extract(info.id, join(work, 'extracted.bin'));
const extractSeconds = (performance.now() - extractStarted) / 1000;
clearInterval(timer);
vault.close();

process.stdout.write(
  `${JSON.stringify({
    backend: sodium().backend,
    size: info.size,
    sha256: info.sha256,
    ingestSeconds,
    ingestCpuSeconds,
    extractSeconds,
    rssBefore,
    ingestPeak,
    maxRss: process.resourceUsage().maxRSS * 1024,
  })}\n`,
);
