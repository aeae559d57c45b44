import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { FuseV1Options } from '@electron/fuses';

const require = createRequire(import.meta.url);
const config = require('../../electron-builder.config.cjs');

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

  it('builds the four targets, with asar and native modules rebuilt for Electron', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.asar).toBe(true);
    expect(config.npmRebuild).toBe(true);
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
});
