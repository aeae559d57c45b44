import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_KDF } from '../src/core/crypto/kdf';
import { importFile } from '../src/core/records/bulk-import';
import { withDefaults } from '../src/core/records/record-input';
import { RecordStore } from '../src/core/records/record-store';
import { Vault } from '../src/core/vault/vault';
import { cliAddCost } from './custody-cli';
import { pct, quantile } from './custody-stats';

/**
 * The custody log's cost on `add` and `import` (goal: under 10 %), and how long one record's
 * entries take to find in a long log. The baseline is the same operation on the same vault
 * through a RecordStore with the search listener but without the log's.
 *
 * Single adds are bound by the WAL's fsync on a disk other programs share, so the two sides run
 * in interleaved rounds (A B, then B A, so neither always goes first) and the figures are the
 * median and quartiles of the per-round ratios; CPU time (this process's, user + system) is
 * measured beside wall time, since waiting for the disk is not CPU; the load average is printed
 * with them.
 */
export async function benchCustody(opts: {
  records: number;
  rounds: number;
  perRound: number;
  lookupEntries: number;
  cliRounds: number;
}): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'tvault-bench-custody-'));
  const loadBefore = loadavg();
  try {
    const body = 'testimony '.repeat(200);
    const { vault } = await Vault.create(join(dir, 'vault'), 'bench passphrase', { kdf: TEST_KDF });
    // Everything the vault does on a change except the log: the search index's pending mark.
    const bare = new RecordStore(vault.db, vault.keys, vault.vaultId);
    bare.onChange((id) => vault.search.markStale(id));
    const sides = {
      bare: (i: number) => bare.add(withDefaults({ title: `b${i}`, body })).id,
      logged: (i: number) => vault.addRecord({ title: `l${i}`, body }).id,
    };

    const adds = interleavedAdds(sides, opts.rounds, opts.perRound);
    const pages = walPagesPerAdd(vault, sides);
    const imported = await importCost(vault, bare, dir, opts.records, body);
    const lookup = lookupCost(vault, adds.ids, opts.lookupEntries);
    // Closed first: the CLI rounds are processes of their own, on a vault of their own.
    vault.close();
    const cli = opts.cliRounds > 0 ? await cliAddCost(dir, opts.cliRounds) : {};
    const loadAfter = loadavg();
    return {
      'add: rounds x adds per side': `${opts.rounds} x ${opts.perRound}`,
      'add: ms per add without / with log (median)': `${adds.bareMs} / ${adds.loggedMs}`,
      'add: log cost, median of rounds (%)': adds.costPct,
      'add: log cost, quartiles / min..max (%)': adds.spread,
      'add: CPU ms per add without / with log': `${adds.bareCpuMs} / ${adds.loggedCpuMs}`,
      'add: log CPU cost, median of rounds (%)': adds.cpuCostPct,
      'add: WAL pages per add without / with log': `${pages.bare} / ${pages.logged}`,
      'add: pages the log adds (%)': Math.round((pages.logged / pages.bare - 1) * 1000) / 10,
      ...imported,
      ...lookup,
      ...cli,
      'load average (1 min) before / after': `${loadBefore[0]!.toFixed(2)} / ${loadAfter[0]!.toFixed(2)}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Sides = Record<'bare' | 'logged', (i: number) => string>;

function interleavedAdds(sides: Sides, rounds: number, perRound: number) {
  const ids: string[] = [];
  const samples = { bare: [] as number[], logged: [] as number[] };
  const cpu = { bare: [] as number[], logged: [] as number[] };
  const run = (side: keyof Sides, round: number) => {
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < perRound; i++) ids.push(sides[side](round * perRound + i));
    samples[side].push((performance.now() - started) / perRound);
    const used = process.cpuUsage(cpuStart);
    cpu[side].push((used.user + used.system) / 1000 / perRound);
  };
  // One warm-up round each, not counted (statement preparation, first pages of each table).
  run('bare', -1);
  run('logged', -1);
  for (const side of ['bare', 'logged'] as const) {
    samples[side].length = 0;
    cpu[side].length = 0;
  }
  for (let round = 0; round < rounds; round++) {
    const order: (keyof Sides)[] = round % 2 ? ['logged', 'bare'] : ['bare', 'logged'];
    for (const side of order) run(side, round);
  }
  const ratios = samples.logged.map((l, i) => l / samples.bare[i]!).sort((a, b) => a - b);
  const cpuRatios = cpu.logged.map((l, i) => l / cpu.bare[i]!).sort((a, b) => a - b);
  const median = (values: number[]) =>
    Math.round(
      quantile(
        [...values].sort((a, b) => a - b),
        0.5,
      ) * 1000,
    ) / 1000;
  return {
    ids,
    bareMs: median(samples.bare),
    loggedMs: median(samples.logged),
    costPct: pct(quantile(ratios, 0.5)),
    spread: `${pct(quantile(ratios, 0.25))} .. ${pct(quantile(ratios, 0.75))} / ${pct(ratios[0]!)} .. ${pct(ratios.at(-1)!)}`,
    bareCpuMs: median(cpu.bare),
    loggedCpuMs: median(cpu.logged),
    cpuCostPct: pct(quantile(cpuRatios, 0.5)),
  };
}

/**
 * Where a single add's time goes: adds are bound by the WAL's fsync, and the log's share is the
 * pages it adds to each commit. Counted from the WAL's growth with automatic checkpoints off, so
 * both sides write to the end of the same file.
 */
function walPagesPerAdd(vault: Vault, sides: Sides): { bare: number; logged: number } {
  const wal = join(vault.dir, 'vault.db-wal');
  const pageBytes = (vault.db.pragma('page_size', { simple: true }) as number) + 24;
  const adds = 200;
  vault.db.pragma('wal_autocheckpoint = 0');
  const measure = (add: (i: number) => string) => {
    // Emptied first: after a checkpoint SQLite rewrites the WAL from its start, without growing it.
    vault.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(wal).size;
    for (let i = 0; i < adds; i++) add(i);
    return Math.round(((statSync(wal).size - before) / pageBytes / adds) * 100) / 100;
  };
  const result = { bare: measure(sides.bare), logged: measure(sides.logged) };
  vault.db.pragma('wal_autocheckpoint = 1000');
  return result;
}

/** One import with and without the log, alternated, best of three each. */
async function importCost(
  vault: Vault,
  bare: RecordStore,
  dir: string,
  records: number,
  body: string,
): Promise<Record<string, number>> {
  const file = join(dir, 'in.jsonl');
  writeFileSync(
    file,
    Array.from({ length: records }, (_, i) =>
      JSON.stringify({ title: `Testimony ${i}`, body, lang: 'en', tags: ['bench'] }),
    ).join('\n'),
  );
  const seconds = async (fn: () => Promise<unknown>) => {
    const started = performance.now();
    await fn();
    return (performance.now() - started) / 1000;
  };
  let without = Infinity;
  let withLog = Infinity;
  for (let round = 0; round < 3; round++) {
    // The vault's import also indexes what it imported: the baseline does the same.
    without = Math.min(
      without,
      await seconds(async () => {
        await importFile(bare, file);
        await vault.search.indexPending();
      }),
    );
    withLog = Math.min(withLog, await seconds(() => vault.importFile(file)));
  }
  return {
    'import: records': records,
    'import without log seconds (best of 3)': Math.round(without * 1000) / 1000,
    'import with log seconds (best of 3)': Math.round(withLog * 1000) / 1000,
    'import: log cost (%)': pct(withLog / without),
  };
}

/**
 * One record's entries (what `tvault log --record` and a custody report read) in a log grown to
 * `entries` entries naming the bench's records in turn, beside reading that record itself.
 */
function lookupCost(vault: Vault, ids: string[], entries: number): Record<string, number | string> {
  const grow = Math.max(0, entries - vault.custody.head()!.seq);
  vault.db.transaction(() => {
    for (let i = 0; i < grow; i++)
      vault.custody.append({
        action: 'record.opened',
        record: ids[i % ids.length]!,
        detail: { revision: 1 },
      });
  })();
  const lookups: number[] = [];
  const reads: number[] = [];
  let found = 0;
  for (let i = 0; i < 21; i++) {
    const id = ids[(i * 97) % ids.length]!;
    let started = performance.now();
    found = [...vault.custody.entriesOf(id)].length;
    lookups.push(performance.now() - started);
    started = performance.now();
    vault.records.get(id);
    reads.push(performance.now() - started);
  }
  lookups.sort((a, b) => a - b);
  reads.sort((a, b) => a - b);
  return {
    'lookup: log entries': vault.custody.head()!.seq,
    "lookup: one record's entries ms (median of 21)":
      Math.round(quantile(lookups, 0.5) * 100) / 100,
    'lookup: entries found per record': found,
    'lookup: reading that record ms (median)': Math.round(quantile(reads, 0.5) * 100) / 100,
  };
}
