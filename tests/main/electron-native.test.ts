import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs build script without type declarations
import * as native from '../../scripts/electron-native.mjs';
import { electronNativeBinding } from '../../src/main/native-binding';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { sandboxAdvice } from '../../scripts/linux-sandbox.mjs';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A project folder with package.json files of Electron and better-sqlite3 (and optionally the binary). */
function fakeRoot(withElectronBinary: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'tv-native-'));
  roots.push(root);
  mkdirSync(join(root, 'node_modules', 'electron'), { recursive: true });
  mkdirSync(join(root, 'node_modules', 'better-sqlite3'), { recursive: true });
  writeFileSync(join(root, 'node_modules', 'electron', 'package.json'), '{"version":"45.5.0"}');
  writeFileSync(
    join(root, 'node_modules', 'better-sqlite3', 'package.json'),
    '{"version":"12.9.0"}',
  );
  if (withElectronBinary) {
    writeFileSync(join(root, 'node_modules', 'electron', 'path.txt'), 'electron');
    mkdirSync(join(root, 'node_modules', 'electron', 'dist'));
    writeFileSync(join(root, 'node_modules', 'electron', 'dist', 'electron'), '');
  }
  return root;
}

describe('scripts/electron-native.mjs', () => {
  it('targets .electron-native/<electron version>/, the path main loads', () => {
    const root = fakeRoot(false);
    const plan = native.plan(root);
    expect(plan.binary).toBe(join(root, '.electron-native', '45.5.0', 'better_sqlite3.node'));
    expect(
      electronNativeBinding({
        isPackaged: false,
        appPath: root,
        resourcesPath: '/unused',
        electronVersion: '45.5.0',
      }),
    ).toBe(plan.binary);
  });

  it('fails with a clear message when Electron’s binary is absent, and touches nothing', async () => {
    const root = fakeRoot(false);
    await expect(native.main(root)).rejects.toThrow(
      /Electron 45\.5\.0's binary is not installed.*ELECTRON_SKIP_BINARY_DOWNLOAD/,
    );
    expect(readdirSync(root)).toEqual(['node_modules']);
  });

  it('skips the build when the stamp matches the installed versions, rebuilds when they change', async () => {
    const root = fakeRoot(true);
    const plan = native.plan(root);
    mkdirSync(plan.dir, { recursive: true });
    writeFileSync(plan.binary, 'built');
    writeFileSync(
      plan.stamp,
      JSON.stringify({
        electron: '45.5.0',
        betterSqlite3: '12.9.0',
        platform: process.platform,
        arch: process.arch,
      }),
    );
    expect(native.isUpToDate(plan)).toBe(true);
    expect(await native.main(root)).toBe(plan.binary);
    writeFileSync(
      plan.stamp,
      JSON.stringify({
        electron: '45.5.0',
        betterSqlite3: '12.8.0',
        platform: process.platform,
        arch: process.arch,
      }),
    );
    expect(native.isUpToDate(plan)).toBe(false);
    writeFileSync(plan.stamp, 'not json');
    expect(native.isUpToDate(plan)).toBe(false);
  });

  it('says what to do when a package is missing', () => {
    const root = mkdtempSync(join(tmpdir(), 'tv-native-'));
    roots.push(root);
    expect(() => native.plan(root)).toThrow(/run `npm install`/);
  });

  it('runs a program whose path has spaces, on every platform (no shell in between)', () => {
    // Windows installs Node in C:\Program Files\nodejs: through a shell, the command would be cut
    // at the space and prebuild-install would never run. Reproduced here with a POSIX shell.
    const root = mkdtempSync(join(tmpdir(), 'tv native spaces '));
    roots.push(root);
    const dir = join(root, 'Program Files', 'nodejs');
    mkdirSync(dir, { recursive: true });
    // A link where the platform allows one without privileges; a copy on Windows.
    const node = join(dir, process.platform === 'win32' ? 'node.exe' : 'node');
    if (process.platform === 'win32') copyFileSync(process.execPath, node);
    else symlinkSync(process.execPath, node);
    const args = ['-e', 'process.exit(process.argv[1] === "a b" ? 0 : 3)', 'a b'];
    for (const platform of ['win32', 'darwin', 'linux']) {
      expect(native.run(node, args, root, { platform, stdio: 'ignore' }), platform).toBe(true);
    }
    expect(native.run(join(dir, 'missing'), args, root, { stdio: 'ignore' })).toBe(false);
  });

  it('lets packaging go on only with a build for the target platform, arch and versions', () => {
    const root = fakeRoot(true);
    const plan = native.plan(root);
    const target = { platform: 'linux', arch: 'x64' };
    expect(() => native.checkForTarget(root, target)).toThrow(/No better-sqlite3 build/);
    mkdirSync(plan.dir, { recursive: true });
    writeFileSync(plan.binary, 'built');
    const stamp = { electron: '45.5.0', betterSqlite3: '12.9.0', platform: 'linux', arch: 'x64' };
    writeFileSync(plan.stamp, JSON.stringify(stamp));
    expect(native.checkForTarget(root, target)).toBe(plan.binary);
    expect(() => native.checkForTarget(root, { platform: 'linux', arch: 'arm64' })).toThrow(
      /is for arch x64; packaging needs arch arm64/,
    );
    expect(() => native.checkForTarget(root, { platform: 'win32', arch: 'x64' })).toThrow(
      /platform linux.*platform win32/,
    );
    writeFileSync(plan.stamp, JSON.stringify({ ...stamp, electron: '44.0.0' }));
    expect(() => native.checkForTarget(root, target)).toThrow(
      /electron 44\.0\.0.*electron 45\.5\.0/,
    );
    writeFileSync(plan.stamp, '{');
    expect(() => native.checkForTarget(root, target)).toThrow(/not readable JSON/);
  });
});

describe('the Linux sandbox advice before npm start', () => {
  function linuxBox(restrict: string) {
    const root = mkdtempSync(join(tmpdir(), 'tv-sandbox-'));
    roots.push(root);
    const sysctl = join(root, 'restrict');
    writeFileSync(sysctl, restrict);
    const apparmor = join(root, 'apparmor.d');
    mkdirSync(apparmor);
    const dist = join(root, 'node_modules', 'electron', 'dist');
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, 'chrome-sandbox'), '');
    return {
      apparmor,
      args: {
        platform: 'linux',
        electronBinary: join(dist, 'electron'),
        restrictSysctl: sysctl,
        apparmorDir: apparmor,
      },
    };
  }

  it('explains both fixes, with this checkout’s paths, when user namespaces are restricted', () => {
    const { args } = linuxBox('1\n');
    const advice = sandboxAdvice(args);
    expect(advice).toContain(`profile testimony-vault-dev "${args.electronBinary}"`);
    expect(advice).toContain('userns,');
    expect(advice).toMatch(/chmod 4755 ".*chrome-sandbox"/);
    expect(advice).not.toMatch(/--no-sandbox/);
  });

  it('says nothing where nothing is needed', () => {
    const restricted = linuxBox('1');
    writeFileSync(
      join(restricted.apparmor, 'tv'),
      `profile x "${restricted.args.electronBinary}" flags=(unconfined) { userns, }`,
    );
    expect(sandboxAdvice(restricted.args)).toBeNull();
    expect(sandboxAdvice(linuxBox('0').args)).toBeNull();
    expect(sandboxAdvice({ ...linuxBox('1').args, platform: 'darwin' })).toBeNull();
  });
});
