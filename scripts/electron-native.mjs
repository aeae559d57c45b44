#!/usr/bin/env node
// Gives the Electron app its own build of better-sqlite3 without touching the one in
// node_modules, which `npm test` and the tvault CLI load under Node.
//
// Node and Electron have different native ABIs (Electron 45: ABI 150), so one .node file cannot
// serve both. This script copies the better-sqlite3 package to a temporary folder, gets a build
// for the installed Electron version there (a prebuilt binary through prebuild-install, else a
// compile through @electron/rebuild), and keeps only the result:
//
//   .electron-native/<electron version>/better_sqlite3.node   (+ stamp.json)
//
// better-sqlite3 12.x publishes no prebuilt binary for Electron 45 on any platform (its release
// workflow stops at Electron 43, ABI 148; see docs/ui.md), so today the compile is what runs:
// it needs a C++ toolchain and Electron's headers from the network. That is why the installers
// are built in the release workflow (.github/workflows/release.yml), where the toolchains are:
// people who install the app need none.
//
// src/main passes that path to better-sqlite3 as `nativeBinding`. Run by `npm start` (prestart),
// `npm run dev` and `npm run package`; packaging copies the file into the app's resources
// (electron-builder.config.cjs, extraResources) after checkForTarget() has confirmed it was made
// for the platform and architecture being packaged. It does nothing when the build is already
// there for the same Electron and better-sqlite3 versions.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sandboxAdvice } from './linux-sandbox.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const NATIVE_DIR = '.electron-native';
export const BINARY = 'better_sqlite3.node';

export class NativeSetupError extends Error {}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Versions of the installed Electron and better-sqlite3, and the target folder. */
export function plan(root = ROOT) {
  const electronPkg = join(root, 'node_modules', 'electron', 'package.json');
  const sqlitePkg = join(root, 'node_modules', 'better-sqlite3', 'package.json');
  if (!existsSync(electronPkg))
    throw new NativeSetupError('Electron is not installed: run `npm install`.');
  if (!existsSync(sqlitePkg))
    throw new NativeSetupError('better-sqlite3 is not installed: run `npm install`.');
  const electron = readJson(electronPkg).version;
  const betterSqlite3 = readJson(sqlitePkg).version;
  const dir = join(root, NATIVE_DIR, electron);
  return {
    root,
    electron,
    betterSqlite3,
    dir,
    binary: join(dir, BINARY),
    stamp: join(dir, 'stamp.json'),
  };
}

/** True when the build in place was made for these exact versions. */
export function isUpToDate(p) {
  if (!existsSync(p.binary) || !existsSync(p.stamp)) return false;
  try {
    const stamp = readJson(p.stamp);
    return (
      stamp.electron === p.electron &&
      stamp.betterSqlite3 === p.betterSqlite3 &&
      stamp.platform === process.platform &&
      stamp.arch === process.arch
    );
  } catch {
    return false;
  }
}

/**
 * Before packaging (electron-builder's beforePack): the build in .electron-native must exist and
 * have been made for the Electron and better-sqlite3 versions installed and for the platform and
 * architecture being packaged. A native module cannot be cross-compiled here, so packaging for
 * another architecture than this machine's fails with what to do instead.
 */
export function checkForTarget(root, { platform, arch }) {
  const p = plan(root);
  const again =
    'Run `node scripts/electron-native.mjs` on a machine of that platform and architecture (the release workflow does).';
  if (!existsSync(p.binary) || !existsSync(p.stamp)) {
    throw new NativeSetupError(
      `No better-sqlite3 build for Electron ${p.electron} in ${NATIVE_DIR}/. ${again}`,
    );
  }
  let stamp;
  try {
    stamp = readJson(p.stamp);
  } catch {
    throw new NativeSetupError(`${p.stamp} is not readable JSON. ${again}`);
  }
  const want = { electron: p.electron, betterSqlite3: p.betterSqlite3, platform, arch };
  const wrong = Object.keys(want).filter((key) => stamp[key] !== want[key]);
  if (wrong.length > 0) {
    const have = wrong.map((key) => `${key} ${stamp[key] ?? '?'}`).join(', ');
    const need = wrong.map((key) => `${key} ${want[key]}`).join(', ');
    throw new NativeSetupError(
      `The better-sqlite3 build in ${NATIVE_DIR}/ is for ${have}; packaging needs ${need}. ${again}`,
    );
  }
  return p.binary;
}

/**
 * The Electron binary itself (node_modules/electron/dist): without it `npm start` cannot run,
 * whatever this script builds. It is missing when npm ran with ELECTRON_SKIP_BINARY_DOWNLOAD=1.
 */
export function electronBinaryPath(root = ROOT) {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(
    root,
    'node_modules',
    'electron',
    'dist',
    readFileSync(pathFile, 'utf8').trim(),
  );
  return existsSync(binary) ? binary : null;
}

/**
 * Runs a program directly, never through a shell: Node lives in `C:\Program Files\nodejs` on a
 * typical Windows machine, and a shell would cut that path at the space. Only executables are
 * run here (node itself), never .cmd or .bat files, which would need a shell on Windows.
 * `platform` is there so the tests can check that no platform gets a shell.
 */
export function run(command, args, cwd, { platform = process.platform, stdio = 'inherit' } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    stdio,
    env: process.env,
    shell: false,
    // Windows: no console window flashes up when run from a GUI terminal.
    windowsHide: platform === 'win32',
  });
  return result.status === 0;
}

/** A throwaway app folder holding a copy of better-sqlite3 (sources, deps, lib, binding.gyp). */
function stage(p) {
  const work = mkdtempSync(join(tmpdir(), 'tvault-electron-native-'));
  const pkgDir = join(work, 'node_modules', 'better-sqlite3');
  const source = join(p.root, 'node_modules', 'better-sqlite3');
  mkdirSync(pkgDir, { recursive: true });
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
    if (existsSync(join(source, entry)))
      cpSync(join(source, entry), join(pkgDir, entry), { recursive: true });
  }
  writeFileSync(
    join(work, 'package.json'),
    JSON.stringify({
      name: 'tvault-native-build',
      private: true,
      dependencies: { 'better-sqlite3': p.betterSqlite3 },
    }),
  );
  return { work, pkgDir };
}

function tryPrebuilt(p, pkgDir) {
  const require = createRequire(join(p.root, 'node_modules', 'better-sqlite3', 'package.json'));
  let bin;
  try {
    bin = join(dirname(require.resolve('prebuild-install/package.json')), 'bin.js');
  } catch {
    return false;
  }
  console.log(
    `electron-native: fetching a prebuilt better-sqlite3 ${p.betterSqlite3} for Electron ${p.electron}…`,
  );
  return run(
    process.execPath,
    [bin, '--runtime', 'electron', '--target', p.electron, '--arch', process.arch, '--verbose'],
    pkgDir,
  );
}

async function tryRebuild(p, work) {
  console.log(
    `electron-native: compiling better-sqlite3 ${p.betterSqlite3} for Electron ${p.electron}…`,
  );
  const { rebuild } = await import(
    pathToFileURL(join(p.root, 'node_modules', '@electron', 'rebuild', 'lib', 'main.js')).href
  );
  await rebuild({
    buildPath: work,
    electronVersion: p.electron,
    arch: process.arch,
    force: true,
    onlyModules: ['better-sqlite3'],
  });
  return true;
}

export async function main(root = ROOT) {
  const p = plan(root);
  if (!electronBinaryPath(root)) {
    throw new NativeSetupError(
      `Electron ${p.electron}'s binary is not installed (node_modules/electron/dist is missing; ` +
        'npm was probably run with ELECTRON_SKIP_BINARY_DOWNLOAD=1). Install it with ' +
        '`node node_modules/electron/install.js` (needs the network), then run `npm start` again. ' +
        'Tests do not need it: `npm test` runs under Node.',
    );
  }
  const advice = sandboxAdvice({ electronBinary: electronBinaryPath(root) });
  if (advice) console.warn(`electron-native: ${advice}\n`);
  if (isUpToDate(p)) {
    console.log(`electron-native: better-sqlite3 for Electron ${p.electron} is up to date.`);
    return p.binary;
  }
  const { work, pkgDir } = stage(p);
  try {
    let ok = tryPrebuilt(p, pkgDir);
    if (!ok) {
      try {
        ok = await tryRebuild(p, work);
      } catch (error) {
        throw new NativeSetupError(
          `Could not build better-sqlite3 for Electron ${p.electron}: ${error?.message ?? error}. ` +
            'A build needs the network (Electron headers) and a C++ toolchain (python3, make, g++ or MSVC).',
        );
      }
    }
    const built = join(pkgDir, 'build', 'Release', BINARY);
    if (!ok || !existsSync(built))
      throw new NativeSetupError(`No ${BINARY} was produced for Electron ${p.electron}.`);
    mkdirSync(p.dir, { recursive: true });
    cpSync(built, p.binary);
    writeFileSync(
      p.stamp,
      `${JSON.stringify({ electron: p.electron, betterSqlite3: p.betterSqlite3, arch: process.arch, platform: process.platform }, null, 2)}\n`,
    );
    console.log(`electron-native: wrote ${p.binary}`);
    return p.binary;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(
      `electron-native: ${error instanceof NativeSetupError ? error.message : (error?.stack ?? error)}`,
    );
    process.exit(1);
  });
}
