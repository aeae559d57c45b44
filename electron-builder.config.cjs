// Packaging for Testimony Vault (see docs/ui.md, "Packaging"). Cannot run on the build machine
// of this project (no Electron binary, no network); on a developer's machine or in the release
// workflow (.github/workflows/release.yml):
//
//   npm run package                      # this platform's targets (Linux: .deb)
//
// The development install is never touched: `npmRebuild` is off, so electron-builder does not
// rebuild node_modules for Electron (which would break `npm test` and the tvault CLI until the
// next `npm rebuild`). The Electron build of better-sqlite3 comes from .electron-native/, made by
// scripts/electron-native.mjs beside the Node one, and is copied into the package's resources;
// src/main/native-binding.ts loads it from there. After packing, before signing, the Electron
// fuses are flipped so the shipped binary cannot be turned into a Node interpreter or a
// debugging target, and loads only its own, integrity-checked app.asar.
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: electron-builder loads .cjs configs */
const path = require('node:path');
const { FuseV1Options, FuseVersion, flipFuses } = require('@electron/fuses');

/** The fuses, as data (tests/main/packaging.test.ts asserts them). */
const FUSES = {
  version: FuseVersion.V1,
  // `ELECTRON_RUN_AS_NODE=1 "Testimony Vault"` would be a Node shell with the app's rights.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS could preload code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect would let any local process attach a debugger and read the keys.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app is loaded only from app.asar, whose hash is checked at start-up (macOS, Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The app never uses file://; do not give it extra rights.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // Cookies are not used (in-memory session), but encrypt them should that ever change.
  [FuseV1Options.EnableCookieEncryption]: true,
};

/** The packed Electron executable (the .app bundle on macOS). */
function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return path.join(appOutDir, `${name}.app`);
  }
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

/** Where scripts/electron-native.mjs leaves the Electron build (same layout as its plan()). */
const NATIVE_DIR = '.electron-native';
/** The folder under the package's resources (process.resourcesPath) that main loads it from. */
const PACKAGED_NATIVE_DIR = 'native';
const BETTER_SQLITE3_FILE = 'better_sqlite3.node';
const electronVersion = require('electron/package.json').version;

/** electron-builder's Arch enum, by value. */
const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

/** Refuses to pack without an Electron build of better-sqlite3 for this platform and arch. */
async function beforePack(context) {
  const { pathToFileURL } = require('node:url');
  const native = await import(
    pathToFileURL(path.join(__dirname, 'scripts', 'electron-native.mjs')).href
  );
  native.checkForTarget(__dirname, {
    platform: context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName,
    arch: ARCH_NAMES[context.arch] ?? String(context.arch),
  });
}

async function afterPack(context) {
  await flipFuses(executablePath(context), {
    ...FUSES,
    // Flipping fuses invalidates the ad-hoc signature of arm64 macOS builds; re-sign ad hoc.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3,
  });
}

/**
 * Renderer-only packages: vite already bundled them into out/renderer, and main never loads
 * them. Not pdfjs-dist: the core extracts PDF text with it in the main process (the renderer has
 * its own bundled copy for the preview). tests/main/packaged-modules.test.ts builds the main
 * bundle and fails when a pattern here leaves out anything it loads.
 */
const RENDERER_ONLY = ['react', 'react-dom', 'scheduler', '@tanstack', '@fontsource'];

/**
 * Parts of run-time packages left out on purpose (the test above allows these and no others):
 * source maps, and better-sqlite3's C sources and Node build, since the app loads the Electron
 * build from its resources (see extraResources).
 */
const RUNTIME_TRIMS = [
  '**/*.map',
  'node_modules/better-sqlite3/{build,src,deps}/**',
  'node_modules/better-sqlite3/binding.gyp',
];

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'org.testimonyvault.desktop',
  productName: 'Testimony Vault',
  executableName: 'testimony-vault',
  copyright: 'AGPL-3.0-or-later',
  directories: { output: 'dist', buildResources: 'resources' },
  files: [
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    'package.json',
    ...RENDERER_ONLY.map((name) => `!node_modules/${name}/**`),
    ...RUNTIME_TRIMS.map((pattern) => `!${pattern}`),
  ],
  extraResources: [
    {
      from: `${NATIVE_DIR}/${electronVersion}/${BETTER_SQLITE3_FILE}`,
      to: `${PACKAGED_NATIVE_DIR}/${BETTER_SQLITE3_FILE}`,
    },
  ],
  asar: true,
  // Native addons cannot be loaded from inside an asar archive, nor can the ES modules the PDF
  // text worker imports by path (pdf.js and its pdf.worker.mjs; see outsideAsar in
  // src/core/attachments/text/pdf-worker.ts). tests/main/packaged-modules.test.ts checks both.
  // The OCR worker (src/core/attachments/ocr/ocr-worker.ts) likewise requires tesseract.js's
  // worker script by path and reads the language files with plain `fs`: the engine, the
  // packages its worker script requires, and the language data stay real files. OCR of scanned
  // PDFs draws pages with @napi-rs/canvas, which the page worker and pdf.js (from its unpacked
  // copy) require by path, and which loads the prebuilt Skia addon of its platform package; and
  // pdf.js reads its WebAssembly decoders (JPEG 2000, JBIG2) from pdfjs-dist/wasm with plain `fs`.
  asarUnpack: [
    '**/*.node',
    'node_modules/pdfjs-dist/legacy/build/*.mjs',
    'node_modules/pdfjs-dist/wasm/**',
    'node_modules/@napi-rs/**',
    ...[
      'tesseract.js',
      'tesseract.js-core',
      '@tesseract.js-data',
      'regenerator-runtime',
      'is-url',
      'bmp-js',
      'wasm-feature-detect',
    ].map((name) => `node_modules/${name}/**`),
  ],
  // Never rebuild the development node_modules for Electron (see the top of this file).
  npmRebuild: false,
  beforePack,
  electronLanguages: ['en', 'en-US', 'ar', 'es', 'fr'],
  afterPack,
  linux: {
    // The .deb only: its install script gives the app an AppArmor profile (Ubuntu 23.10+) or a
    // root-owned SUID sandbox helper, so the sandbox starts. An AppImage can do neither and aborts
    // at start there; the workarounds weaken the sandbox or the whole system (docs/ui.md).
    target: ['deb'],
    category: 'Office',
    synopsis: 'Encrypted archive of testimonies and evidence',
  },
  deb: { priority: 'optional' },
  win: { target: ['nsis'] },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowToChangeInstallationDirectory: true,
    deleteAppDataOnUninstall: false,
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.productivity',
    hardenedRuntime: true,
  },
  publish: null,
};

// For the tests, invisible to electron-builder's schema check (it refuses unknown keys).
Object.defineProperty(module.exports, 'FUSES', { value: FUSES, enumerable: false });
Object.defineProperty(module.exports, 'PACKAGED_NATIVE_DIR', { value: PACKAGED_NATIVE_DIR });
Object.defineProperty(module.exports, 'RUNTIME_TRIMS', { value: RUNTIME_TRIMS });
Object.defineProperty(module.exports, 'executablePath', {
  value: executablePath,
  enumerable: false,
});
