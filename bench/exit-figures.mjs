/**
 * Preloaded into a measured process (`node --import ./bench/exit-figures.mjs ...`): when the
 * process exits, writes its CPU time (every thread: getrusage of the process), its peak resident
 * size and the time since it started to the JSON file BENCH_FIGURES names. The benchmark runs
 * `tvault` itself this way, so that its figures are the command's as a user runs it.
 */
import { writeFileSync } from 'node:fs';

const out = process.env.BENCH_FIGURES;
if (out) {
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    writeFileSync(
      out,
      JSON.stringify({
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
        sinceStartMs: Math.round(performance.now()),
      }),
    );
  });
}
