import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without type declarations
import * as packaged from '../../scripts/packaged-modules.mjs';

/**
 * Every module the main process and the core load at run time must be in the packaged app.
 * The main bundle is built afresh (electron-vite, same config as out/main, into a temporary
 * folder so the working tree's out/ is left alone), its imports are read, and each run-time
 * package with its dependencies is checked against electron-builder.config.cjs's `files`.
 */
const require = createRequire(import.meta.url);
const config = require('../../electron-builder.config.cjs');
const ROOT = resolve(import.meta.dirname, '../..');
let outDir = '';

beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), 'tv-packaged-'));
  const cli = join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const built = spawnSync(
    process.execPath,
    [cli, 'build', '--outDir', outDir, '--logLevel', 'error'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (built.status !== 0) throw new Error(`electron-vite build failed:\n${built.stderr}`);
}, 180_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('modules the packaged app loads at run time', () => {
  it('reads static, dynamic and require imports, and flags computed ones', () => {
    const code = [
      'import a from "better-sqlite3";',
      'export { b } from "@scope/pkg/sub.js";',
      'import "./chunk.js";',
      'import { x } from "node:fs";',
      'import "electron";',
      'const c = await import("pdfjs-dist/legacy/build/pdf.mjs");',
      'const d = createRequire(import.meta.url)("sodium-native");',
      'const e = require(`lunr`);',
      'const p = createRequire(import.meta.url).resolve("pdfjs-dist/legacy/build/pdf.mjs");',
      'const q = Promise.resolve("not-a-package");',
      'const f = await import(name);',
      'const w = new Worker(`require("not-loaded-by-main")`, { eval: true });',
    ].join('\n');
    const found = packaged.importsOf(code, 'x.js');
    expect(found.specifiers.map(packaged.packageOf).filter(Boolean).sort()).toEqual([
      '@scope/pkg',
      'better-sqlite3',
      'lunr',
      'pdfjs-dist',
      'sodium-native',
    ]);
    expect(found.unresolved).toEqual(['x.js:11: import(name)']);
    // A path resolved to be loaded later (by a worker) is listed apart as well.
    expect(found.resolved).toEqual(['pdfjs-dist/legacy/build/pdf.mjs']);
  });

  it('evaluates the files patterns as electron-builder does: the last match decides', () => {
    const files = ['out/main/**', '!**/*.map', '!node_modules/react/**'];
    expect(packaged.isPacked('out/main/index.js', files)).toBe(true);
    expect(packaged.isPacked('out/main/index.js.map', files)).toBe(false);
    expect(packaged.isPacked('src/main/index.ts', files)).toBe(false);
    expect(packaged.isPacked('node_modules/zod/package.json', files)).toBe(true);
    expect(packaged.isPacked('node_modules/react/index.js', files)).toBe(false);
  });

  it('finds the packages the built main bundle loads, all production dependencies', () => {
    const report = packaged.checkPackagedModules({ bundleDir: join(outDir, 'main'), config });
    // The core's run-time dependencies, as the bundle shows them (a sample that must be there).
    expect(report.direct).toEqual(
      expect.arrayContaining(['better-sqlite3', 'pdfjs-dist', 'sodium-native', 'lunr', 'zod']),
    );
    expect(report.direct).not.toContain('electron');
    expect(report.notProduction).toEqual([]);
    expect(report.missing).toEqual([]);
    expect(report.unresolved).toEqual([]);
  });

  it('unpacks the files the PDF text and OCR workers load by path, beside app.asar', () => {
    const report = packaged.checkPackagedModules({ bundleDir: join(outDir, 'main'), config });
    // pdf.js, and the pdf.worker.mjs it imports itself by "./pdf.worker.mjs"; the OCR engine's
    // and each language package's package.json, beside which the OCR worker finds its files;
    // the canvas the PDF page worker draws on, and the folder of pdf.js's WebAssembly decoders.
    expect(report.workerFiles).toEqual([
      'node_modules/@napi-rs/canvas/index.js',
      ...['ara', 'eng', 'fra', 'hin', 'por', 'spa'].map(
        (lang) => `node_modules/@tesseract.js-data/${lang}/package.json`,
      ),
      'node_modules/pdfjs-dist/legacy/build/pdf.mjs',
      'node_modules/pdfjs-dist/legacy/build/pdf.worker.mjs',
      'node_modules/pdfjs-dist/wasm/openjpeg_nowasm_fallback.js',
      'node_modules/tesseract.js/package.json',
    ]);
    // The canvas loads its platform's prebuilt Skia addon from a package of its own, by name
    // from its unpacked folder: that package must be a real folder beside it too.
    const skia = require
      .resolve('@napi-rs/canvas', { paths: [ROOT] })
      .replace(/canvas[\\/]index\.js$/, '');
    const platformPackages = readdirSync(skia).filter((name: string) => name.startsWith('canvas-'));
    expect(platformPackages.length).toBeGreaterThan(0);
    for (const name of platformPackages) {
      expect(
        packaged.isUnpacked(`node_modules/@napi-rs/${name}/package.json`, config.asarUnpack),
      ).toBe(true);
    }
    expect(
      packaged.isUnpacked('node_modules/pdfjs-dist/wasm/openjpeg.wasm', config.asarUnpack),
    ).toBe(true);
    expect(report.notUnpacked).toEqual([]);
    // Without the pattern, both would stay inside the archive, where the worker cannot load them.
    const packedOnly = { ...config, asarUnpack: ['**/*.node'] };
    Object.defineProperty(packedOnly, 'RUNTIME_TRIMS', { value: config.RUNTIME_TRIMS });
    const broken = packaged.checkPackagedModules({
      bundleDir: join(outDir, 'main'),
      config: packedOnly,
    });
    expect(broken.notUnpacked).toEqual(report.workerFiles);
  });

  it('leaves none of their files out of the package, beyond the deliberate trims', () => {
    const report = packaged.checkPackagedModules({ bundleDir: join(outDir, 'main'), config });
    expect(report.leftOut.slice(0, 10)).toEqual([]);
    // Each trim removes a part of a run-time package on purpose; none takes a whole package.
    for (const trim of config.RUNTIME_TRIMS) {
      for (const name of report.packages) {
        expect(packaged.isPacked(`node_modules/${name}/package.json`, [`!${trim}`])).toBe(true);
      }
    }
  });
});
