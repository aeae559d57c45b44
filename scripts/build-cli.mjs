// Bundles the tvault command (src/cli, src/core, src/shared) into out/cli/tvault.mjs with
// esbuild, so that the CLI starts fast with plain Node and `npx tvault` works right after
// `npm ci` (this script is the `prepare` step). Native and wasm packages stay external: they are
// loaded from node_modules at run time.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * Loaded from node_modules at run time: native addons (better-sqlite3, sodium-native), the
 * WebAssembly build of libsodium (it finds its .wasm next to itself), pdf.js (large, imported
 * only when a PDF is attached). Every other dependency is plain JavaScript and is bundled:
 * resolving and parsing some thirty modules one by one (and running the CommonJS lexer on
 * each) was most of the CLI's start-up.
 */
const RUNTIME_EXTERNAL = [
  'better-sqlite3',
  'sodium-native',
  'libsodium-wrappers-sumo',
  'pdfjs-dist',
];
for (const name of RUNTIME_EXTERNAL) {
  if (!(name in (pkg.dependencies ?? {}))) throw new Error(`${name} is not a dependency`);
}

await build({
  entryPoints: { tvault: 'src/cli/main.ts' },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  // What is imported on demand (pdf-lib for the first PDF cleaned, exceljs for the first
  // workbook imported) goes into chunks loaded then, so a command that does not need them does
  // not read and compile them at start-up.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  external: RUNTIME_EXTERNAL,
  banner: {
    // Bundled ESM still needs require() for the CommonJS packages it leaves external.
    js: "import { createRequire as __tvaultCreateRequire } from 'node:module'; const require = __tvaultCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// The search index's worker thread (src/core/search/segment-workers.ts looks for it beside the
// CLI), bundled on its own: it needs only the shared search engine.
await build({
  entryPoints: ['src/core/search/index-worker.ts'],
  outfile: 'out/cli/index-worker.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  external: RUNTIME_EXTERNAL,
  logLevel: 'warning',
});
