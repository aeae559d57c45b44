/**
 * One `verify` or `backup` of bench/verify.ts in its own process, so that its peak memory is
 * its own (not the vault-building parent's):
 *   node --import tsx bench/verify-child.ts verify VAULT_DIR
 *   node --import tsx bench/verify-child.ts backup VAULT_DIR OUT_DIR
 * Prints one JSON line: seconds (and per phase), the RSS once unlocked, the peak RSS and the
 * largest heap still in use after a full GC at each phase's end (MiB). Run with --expose-gc.
 */
import { backupVault } from '../src/core/backup/backup';
import { commandVolume } from '../src/core/custody/volume';
import { verifyVault } from '../src/core/verify/verify-vault';
import { Vault } from '../src/core/vault/vault';

const [mode, dir, out] = process.argv.slice(2);
if ((mode !== 'verify' && mode !== 'backup') || !dir || (mode === 'backup' && !out))
  throw new Error('usage: verify-child.ts verify VAULT_DIR | backup VAULT_DIR OUT_DIR');

const MiB = 1024 * 1024;
const vault = await Vault.open(
  dir,
  { passphrase: 'bench passphrase' },
  { custodyVolume: commandVolume('metadata') },
);
const rssOpen = process.memoryUsage.rss();
let peak = rssOpen;
const started = performance.now();
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
/** Seconds spent in each phase, and the heap still in use (after a full GC) as phases end. */
const phases: Record<string, number> = {};
let phase = '';
let phaseStarted = started;
let liveHeap = 0;
const sample = (next: string) => {
  peak = Math.max(peak, process.memoryUsage.rss());
  if (next === phase) return;
  const now = performance.now();
  if (phase) phases[phase] = (now - phaseStarted) / 1000;
  global.gc?.();
  liveHeap = Math.max(liveHeap, process.memoryUsage().heapUsed);
  phase = next;
  phaseStarted = now;
};
if (mode === 'verify') {
  const report = await verifyVault(vault, { onProgress: (p) => sample(p) });
  if (!report.ok)
    throw new Error(`bench vault does not verify: ${JSON.stringify(report.problems)}`);
} else {
  await backupVault(vault, out!, { onProgress: (p) => sample(p) });
}
sample('end');
const seconds = (performance.now() - started) / 1000;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage.rss());
vault.close();
console.log(
  JSON.stringify({
    seconds,
    rssOpenMiB: rssOpen / MiB,
    peakRssMiB: peak / MiB,
    liveHeapMiB: liveHeap / MiB,
    phases,
  }),
);
