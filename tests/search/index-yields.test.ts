/**
 * Bulk indexing lets the event loop turn (issue 11, "event loop after an import"): the app's
 * main process runs it, and while it holds the loop the window, IPC, progress and Cancel wait.
 * Measured by `BENCH_ONLY=hostile BENCH_HOSTILE_PARTS=loop`: 12.8 s held at once for 10,000
 * records before. Structural here, not timed: the clock is fake and every record read back
 * costs 1 ms of it, so a slice of work is a number of records, whatever the machine's load.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyFields } from '../../src/shared/records/types';
import { useTestVaults } from '../helpers/vault';

const vaults = useTestVaults();

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

/** 1,600 records with no language given (the language is guessed for each). */
function fields(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    ...emptyFields(),
    title: `Testimonio ${i}`,
    body: `La testigo ${i} contó lo que vio en la plaza del pueblo, despacio y con detalle, ante la audiencia.`,
  }));
}

/**
 * Runs `work` with a fake clock advanced 1 ms per record read back, and a macrotask ticker:
 * the largest number of records read between two turns of the event loop.
 */
async function longestRun(
  vault: { records: { get: (id: string) => unknown } },
  work: () => Promise<unknown>,
) {
  vi.useFakeTimers({ toFake: ['performance'] });
  const get = vault.records.get.bind(vault.records);
  let sinceTick = 0;
  let longest = 0;
  let reads = 0;
  vi.spyOn(vault.records, 'get').mockImplementation((id: string) => {
    vi.advanceTimersByTime(1);
    sinceTick += 1;
    reads += 1;
    longest = Math.max(longest, sinceTick);
    return get(id);
  });
  let done = false;
  let ticks = 0;
  const tick = () => {
    ticks += 1;
    sinceTick = 0;
    if (!done) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    await work();
  } finally {
    done = true;
  }
  return { longest, reads, ticks };
}

describe('bulk indexing', () => {
  it('reads the pending records back in slices, letting the event loop turn between them', async () => {
    const { vault } = await vaults.create();
    vault.addRecords(fields(1600));
    const run = await longestRun(vault, () => vault.search.indexPending());
    expect(run.reads).toBeGreaterThanOrEqual(1600);
    // Slices of about 30 ms of the fake clock: at most a few dozen records each (before: one
    // batch per worker, 800 records, read at once).
    expect(run.longest).toBeLessThanOrEqual(60);
    expect(vault.search.search('testigo plaza', { limit: 1 }).total).toBe(1600);
  });

  it('rebuilds (reindex) in slices too', async () => {
    const { vault } = await vaults.create();
    vault.addRecords(fields(1200));
    await vault.search.indexPending();
    const run = await longestRun(vault, () => vault.search.reindexInWorkers());
    expect(run.reads).toBeGreaterThanOrEqual(1200);
    expect(run.longest).toBeLessThanOrEqual(60);
    expect(vault.search.search('testigo', { limit: 1 }).total).toBe(1200);
  });
});
