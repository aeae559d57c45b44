// Packaging for Testimony Vault (see docs/ui.md, "Packaging"). Cannot run on the build machine
// of this project (no Electron binary, no network); on a developer's machine:
//
//   npm run package                      # this platform's targets
//   npx electron-builder --config electron-builder.config.cjs --linux AppImage deb
//
// Native modules are rebuilt for Electron inside the package (npmRebuild), so the app in the
// package never loads the Node build used by `npm test`. After packing, before signing, the
// Electron fuses are flipped so the shipped binary cannot be turned into a Node interpreter or
// a debugging target, and loads only its own, integrity-checked app.asar.
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

async function afterPack(context) {
  await flipFuses(executablePath(context), {
    ...FUSES,
    // Flipping fuses invalidates the ad-hoc signature of arm64 macOS builds; re-sign ad hoc.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3,
  });
}

/** Renderer-only packages: vite already bundled them into out/renderer. */
const RENDERER_ONLY = ['react', 'react-dom', 'scheduler', '@tanstack', 'pdfjs-dist', '@fontsource'];

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
    '!**/*.map',
    ...RENDERER_ONLY.map((name) => `!node_modules/${name}/**`),
  ],
  asar: true,
  // Native addons cannot be loaded from inside an asar archive.
  asarUnpack: ['**/*.node'],
  npmRebuild: true,
  buildDependenciesFromSource: false,
  electronLanguages: ['en', 'en-US', 'ar', 'es', 'fr'],
  afterPack,
  linux: {
    target: ['AppImage', 'deb'],
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
Object.defineProperty(module.exports, 'executablePath', {
  value: executablePath,
  enumerable: false,
});
