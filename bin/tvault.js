#!/usr/bin/env node
// The tvault command. The CLI is bundled by `npm run build:cli` (run by `prepare`, so by
// `npm ci` and `npm install`) into out/cli/tvault.mjs; this file only finds and starts it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = join(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'cli', 'tvault.mjs');
if (!existsSync(bundle)) {
  process.stderr.write('tvault: the CLI is not built yet; run `npm run build:cli` first.\n');
  process.exit(70);
}
await import(pathToFileURL(bundle).href);
