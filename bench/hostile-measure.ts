import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * What a hostile input costs the process that receives it: wall time, peak resident size
 * (sampled every 10 ms, and the kernel's high-water mark), and the main thread's longest block
 * (a 5 ms timer probe: the largest gap between two ticks, minus the period; perf_hooks'
 * event-loop delay histogram is reported beside it).
 */
export interface Cost {
  seconds: number;
  peakRssMiB: number;
  longestBlockMs: number;
  loopDelayMaxMs: number;
}

const MiB = 1024 * 1024;

export async function measure<T>(work: () => Promise<T>): Promise<{ result: T; cost: Cost }> {
  global.gc?.();
  let peak = process.memoryUsage.rss();
  let last = performance.now();
  let longest = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last - 5);
    last = now;
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const started = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    // One last tick, so a block at the very end is counted too.
    await new Promise((resolve) => setTimeout(resolve, 6));
    return {
      result,
      cost: {
        seconds,
        peakRssMiB: Math.round(Math.max(peak, process.resourceUsage().maxRSS * 1024) / MiB),
        longestBlockMs: Math.round(longest),
        loopDelayMaxMs: Math.round(histogram.max / 1e6),
      },
    };
  } finally {
    clearInterval(probe);
    histogram.disable();
  }
}
