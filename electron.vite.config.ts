import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/**
 * `npm run dev` only: the dev server injects an inline React refresh script, which the page's
 * <meta> CSP (script-src 'self') would block. Builds keep the meta; main's header CSP applies to
 * them as well.
 */
function devWithoutMetaCsp(): Plugin {
  return {
    name: 'tvault-dev-without-meta-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s, ''),
  };
}

/**
 * Three builds: main (ESM, Node), preload (CommonJS: sandboxed preloads cannot be ES modules),
 * renderer (the React app with its workers and fonts, all bundled; nothing loads from a CDN).
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The search index's worker thread beside the main bundle (segment-workers.ts finds it
      // there): an import in the app indexes on other cores instead of freezing the window.
      rollupOptions: {
        input: {
          index: resolve('src/main/index.ts'),
          'index-worker': resolve('src/core/search/index-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // The preload must be self-contained: a sandboxed preload can require only 'electron'.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: './',
    plugins: [react(), devWithoutMetaCsp()],
    worker: { format: 'es' },
    build: {
      outDir: 'out/renderer',
      // No inlined data: URLs: the CSP allows fonts and images only from the app itself.
      assetsInlineLimit: 0,
      sourcemap: false,
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
    },
  },
});
