/**
 * Runs the search scale benchmark alone (the CLI must be built: `npm run build:cli`):
 * `node --expose-gc --import tsx bench/search-scale-main.ts [DOCS] [SHORT] [LONG_MB] [COLD_DOCS] [IMPORT_MB]`
 * (defaults 100,000 testimonies, 1,000,000 short items, 15 MB, 5,000, a 1,024 MB JSONL import;
 * 0 skips a part).
 */
import { benchSearchScale } from './search-scale';

const [docs, short, longMB, cold, importMB] = process.argv.slice(2).map(Number);
const results = await benchSearchScale({
  docs: docs ?? 100_000,
  shortItems: short ?? 1_000_000,
  longMB: longMB ?? 15,
  coldDocs: cold ?? 5000,
  importMB: importMB ?? 1024,
});
for (const [key, value] of Object.entries(results)) console.warn(`  ${key.padEnd(56)} ${value}`);
