// Bundles the tvault command (src/cli, src/core, src/shared) into out/cli/tvault.mjs with
// esbuild, so that the CLI starts fast with plain Node and `npx tvault` works right after
// `npm ci` (this script is the `prepare` step). Native and wasm packages stay external: they are
// loaded from node_modules at run time.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'out/cli/tvault.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  external: Object.keys(pkg.dependencies ?? {}),
  banner: {
    // Bundled ESM still needs require() for the CommonJS packages it leaves external.
    js: "import { createRequire as __tvaultCreateRequire } from 'node:module'; const require = __tvaultCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
