import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Vault } from '../src/core/vault/vault';
import { pct, quantile } from './custody-stats';

const ROOT = join(import.meta.dirname, '..');
const CHILD = join(ROOT, 'out', 'bench', 'custody-add-child.mjs');
const CLI = join(ROOT, 'out', 'cli', 'tvault.mjs');
const PASSPHRASE = 'bench passphrase';

/**
 * What a person meets: `tvault add` as a whole process (start, Argon2id unlock with the default
 * parameters `tvault init` uses, the add, lock), with and without the custody log, in
 * interleaved rounds. The two sides are bench/custody-add-child.ts bundled like the CLI (so they
 * start as fast as it does); the real `tvault add` runs beside them, to show the child costs
 * what the command does.
 */
export async function cliAddCost(dir: string, rounds: number): Promise<Record<string, string>> {
  await build({
    entryPoints: [join(ROOT, 'bench', 'custody-add-child.ts')],
    outfile: CHILD,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: ['better-sqlite3', 'sodium-native', 'libsodium-wrappers-sumo', 'pdfjs-dist'],
    banner: {
      js: "import { createRequire as __tvaultCreateRequire } from 'node:module'; const require = __tvaultCreateRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  const vaultDir = join(dir, 'cli-vault');
  const { vault } = await Vault.create(vaultDir, PASSPHRASE);
  vault.close();
  const env = { ...process.env, TVAULT_PASSPHRASE: PASSPHRASE };
  const run = (args: string[]) => {
    const started = performance.now();
    const child = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    const ms = performance.now() - started;
    if (child.status !== 0) throw new Error(`bench child failed: ${child.stderr}`);
    return {
      ms,
      cpuMs: args[0] === CHILD ? (JSON.parse(child.stdout) as { cpuMs: number }).cpuMs : 0,
    };
  };
  const side = (mode: 'logged' | 'bare') => run([CHILD, mode, vaultDir]);
  const wall = { bare: [] as number[], logged: [] as number[], cli: [] as number[] };
  const cpu = { bare: [] as number[], logged: [] as number[] };
  side('bare');
  side('logged');
  for (let round = 0; round < rounds; round++) {
    for (const mode of round % 2 ? (['logged', 'bare'] as const) : (['bare', 'logged'] as const)) {
      const { ms, cpuMs } = side(mode);
      wall[mode].push(ms);
      cpu[mode].push(cpuMs);
    }
    if (existsSync(CLI))
      wall.cli.push(run([CLI, '--vault', vaultDir, 'add', '--title', 'cli', '--body', 'b']).ms);
  }
  const ratios = (values: { bare: number[]; logged: number[] }) =>
    values.logged.map((l, i) => l / values.bare[i]!).sort((a, b) => a - b);
  const median = (values: number[]) =>
    Math.round(
      quantile(
        [...values].sort((a, b) => a - b),
        0.5,
      ),
    ).toString();
  const wallRatios = ratios(wall);
  const cpuRatios = ratios(cpu);
  return {
    'cli add: rounds': String(rounds),
    'cli add: ms per process without / with log (median)': `${median(wall.bare)} / ${median(wall.logged)}`,
    'cli add: real `tvault add` ms (median)': wall.cli.length ? median(wall.cli) : 'not built',
    'cli add: log cost, median of rounds (%)': String(pct(quantile(wallRatios, 0.5))),
    'cli add: log cost, quartiles / min..max (%)': `${pct(quantile(wallRatios, 0.25))} .. ${pct(quantile(wallRatios, 0.75))} / ${pct(wallRatios[0]!)} .. ${pct(wallRatios.at(-1)!)}`,
    'cli add: CPU ms per process without / with log': `${median(cpu.bare)} / ${median(cpu.logged)}`,
    'cli add: log CPU cost, median of rounds (%)': String(pct(quantile(cpuRatios, 0.5))),
  };
}
