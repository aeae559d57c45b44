#!/usr/bin/env node
// Turns the Node inspector fuse back on in a COPY of a packaged app, for the smoke test only.
//
// Playwright drives Electron through `--inspect`, which the shipped app refuses
// (EnableNodeCliInspectArguments off, electron-builder.config.cjs). The release workflow copies
// the packaged app (or installs the .deb) and runs this on the copy: every other fuse, the asar
// and the native modules stay as shipped. It refuses to touch anything under dist/, where the
// installers' app lives.
//
//   node scripts/smoke-fuses.mjs <the .app bundle on macOS, else the executable>
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The one fuse the smoke-test copy differs in. */
export const SMOKE_FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.EnableNodeCliInspectArguments]: true,
};

/** The target, unless it is the build electron-builder packs the installers from. */
export function smokeTarget(path, root = ROOT) {
  const target = resolve(path);
  const inDist = relative(resolve(root, 'dist'), target);
  if (inDist === '' || !(inDist.startsWith('..') || resolve(inDist) === inDist)) {
    throw new Error(
      `smoke-fuses: ${target} is under dist/: copy the packaged app first, never change the shipped one.`,
    );
  }
  return target;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [path] = process.argv.slice(2);
  if (!path) {
    console.error('usage: node scripts/smoke-fuses.mjs <packaged app copy>');
    process.exit(2);
  }
  const target = smokeTarget(path);
  await flipFuses(target, {
    ...SMOKE_FUSES,
    // Flipping a fuse invalidates the ad-hoc signature of arm64 macOS builds.
    resetAdHocDarwinSignature: process.platform === 'darwin' && process.arch === 'arm64',
  });
  console.log(`smoke-fuses: inspector fuse on in ${target.split(sep).join('/')}`);
}
