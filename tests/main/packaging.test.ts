import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FuseV1Options } from '@electron/fuses';
// @ts-expect-error -- a plain .mjs build script without type declarations
import * as native from '../../scripts/electron-native.mjs';
import {
  BETTER_SQLITE3_FILE,
  PACKAGED_NATIVE_DIR,
  electronNativeBinding,
} from '../../src/main/native-binding';

const require = createRequire(import.meta.url);
const config = require('../../electron-builder.config.cjs');
const ROOT = resolve(import.meta.dirname, '../..');

describe('packaging', () => {
  it('flips the fuses: no RunAsNode, no NODE_OPTIONS, no inspect, asar only and checked', () => {
    expect(config.FUSES).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    expect(typeof config.afterPack).toBe('function');
  });

  it('builds the targets with asar and native modules unpacked', () => {
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.files).toEqual(
      expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**']),
    );
  });

  it('passes electron-builder’s own schema check', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('finds the packed executable on each platform', () => {
    const packager = {
      appInfo: { productFilename: 'Testimony Vault' },
      executableName: 'testimony-vault',
    };
    expect(
      config.executablePath({ appOutDir: '/o', electronPlatformName: 'linux', packager }),
    ).toBe('/o/testimony-vault');
    expect(
      config.executablePath({ appOutDir: '/o', electronPlatformName: 'win32', packager }),
    ).toBe('/o/Testimony Vault.exe');
    expect(
      config.executablePath({ appOutDir: '/o', electronPlatformName: 'darwin', packager }),
    ).toBe('/o/Testimony Vault.app');
  });

  it('leaves the development node_modules alone: no rebuild for Electron, in the config or the scripts', () => {
    // npmRebuild: true rebuilt better-sqlite3 in place for Electron's ABI, after which `npm test`
    // and the tvault CLI (Node's ABI) failed to load it until the next `npm rebuild`.
    expect(config.npmRebuild).toBe(false);
    const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts as Record<
      string,
      string
    >;
    for (const [name, command] of Object.entries(scripts)) {
      expect(command, name).not.toMatch(/install-app-deps|electron-rebuild|npm rebuild/);
    }
    expect(scripts.package).toMatch(/node scripts\/electron-native\.mjs && electron-builder/);
  });

  it('ships the Electron build of better-sqlite3 where main loads it, not the Node one', () => {
    const plan = native.plan(ROOT);
    expect(config.extraResources).toEqual([
      {
        from: relative(ROOT, plan.binary).split('\\').join('/'),
        to: `${PACKAGED_NATIVE_DIR}/${BETTER_SQLITE3_FILE}`,
      },
    ]);
    expect(config.PACKAGED_NATIVE_DIR).toBe(PACKAGED_NATIVE_DIR);
    expect(
      electronNativeBinding({
        isPackaged: true,
        appPath: '/opt/app/resources/app.asar',
        resourcesPath: '/opt/app/resources',
        electronVersion: plan.electron,
      }),
    ).toBe(join('/opt/app/resources', PACKAGED_NATIVE_DIR, BETTER_SQLITE3_FILE));
    expect(config.files).toContain('!node_modules/better-sqlite3/{build,src,deps}/**');
  });

  it('refuses to pack without an Electron build for the target platform and architecture', async () => {
    // 4 is electron-builder's Arch.universal: never what .electron-native holds.
    await expect(config.beforePack({ electronPlatformName: 'win32', arch: 4 })).rejects.toThrow(
      /electron-native\.mjs/,
    );
  });

  it('keeps better-sqlite3 on the 12.x line (13 needs Node 22; the CLI and tests run on Node 20)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^[~^]?12\.\d+\.\d+$/);
    expect(native.plan(ROOT).betterSqlite3).toMatch(/^12\./);
  });

  it('builds the .deb for Linux, whose install script lets the sandbox start; no AppImage', () => {
    // Ubuntu 23.10+ restricts unprivileged user namespaces: an AppImage aborts at start with the
    // SUID sandbox error, and the only ways round it weaken the sandbox or the whole system.
    expect(config.linux.target).toEqual(['deb']);
    const afterInstall = readFileSync(
      join(ROOT, 'node_modules/app-builder-lib/templates/linux/after-install.tpl'),
      'utf8',
    );
    expect(afterInstall).toMatch(/apparmor_parser --replace/);
    expect(afterInstall).toMatch(/chmod 4755 .*chrome-sandbox/);
    const profile = readFileSync(
      join(ROOT, 'node_modules/app-builder-lib/templates/linux/apparmor-profile.tpl'),
      'utf8',
    );
    expect(profile).toMatch(/userns,/);
  });

  it('never turns the Chromium sandbox off', () => {
    const pkg = readFileSync(join(ROOT, 'package.json'), 'utf8');
    const main = readFileSync(join(ROOT, 'src/main/index.ts'), 'utf8');
    const builder = readFileSync(join(ROOT, 'electron-builder.config.cjs'), 'utf8');
    for (const text of [pkg, main, builder]) {
      expect(text).not.toMatch(/no-sandbox|disable-setuid-sandbox|ELECTRON_DISABLE_SANDBOX/);
    }
    expect(main).toMatch(/app\.enableSandbox\(\)/);
  });
});
