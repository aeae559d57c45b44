/**
 * Runs the search benchmark alone:
 * `node --expose-gc --import tsx bench/search-main.ts [DOCS] [tvault,minisearch]` (default 10,000
 * documents, both engines). With `--child ENGINE DOCS SEED QUERIES` it is the child process that
 * bench/search.ts spawns for each engine, and prints one JSON line.
 */
import { benchSearch, runPhase, type EngineName } from './search';

const args = process.argv.slice(2);
if (args[0] === '--child') {
  const [, engine, docs, seed, queries] = args;
  const figures = await runPhase(engine as EngineName, {
    docs: Number(docs),
    seed: Number(seed),
    queries: Number(queries),
  });
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  const docs = Number(args[0] ?? 10_000);
  const engines = (args[1]?.split(',') as EngineName[] | undefined) ?? undefined;
  const results = await benchSearch({ docs, ...(engines ? { engines } : {}) });
  for (const [key, value] of Object.entries(results)) console.log(`  ${key.padEnd(40)} ${value}`);
}
