import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without type declarations
import { decide } from '../../scripts/test-electron.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function project(withElectron: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'tv-smoke-plan-'));
  roots.push(root);
  const electron = join(root, 'node_modules', 'electron');
  mkdirSync(join(electron, 'dist'), { recursive: true });
  if (withElectron) {
    writeFileSync(join(electron, 'path.txt'), 'electron');
    writeFileSync(join(electron, 'dist', 'electron'), '');
  }
  return root;
}

describe('npm run test:electron', () => {
  it('does not run without Electron’s binary, and says why', () => {
    const plan = decide({ root: project(false), env: { DISPLAY: ':0' }, platform: 'linux' });
    expect(plan).toMatchObject({ action: 'skip' });
    expect(plan.reason).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD.*TVAULT_ELECTRON_APP/s);
  });

  it('runs against the sources where Electron is installed, under xvfb on a headless Linux', () => {
    const root = project(true);
    expect(decide({ root, env: { DISPLAY: ':0' }, platform: 'linux' })).toEqual({
      action: 'run',
      mode: 'sources',
      xvfb: false,
    });
    expect(decide({ root, env: {}, platform: 'darwin' })).toMatchObject({ action: 'run' });
    const bin = join(root, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'xvfb-run'), '');
    expect(decide({ root, env: { PATH: bin }, platform: 'linux' })).toMatchObject({ xvfb: true });
    expect(decide({ root, env: { PATH: '' }, platform: 'linux' })).toMatchObject({
      action: 'fail',
      reason: expect.stringMatching(/xvfb/),
    });
  });

  it('runs against a packaged app when told, and fails when it is not there', () => {
    const root = project(false);
    const exe = join(root, 'Testimony Vault.exe');
    writeFileSync(exe, '');
    expect(decide({ root, env: { TVAULT_ELECTRON_APP: exe }, platform: 'win32' })).toMatchObject({
      action: 'run',
      mode: 'packaged',
    });
    expect(
      decide({ root, env: { TVAULT_ELECTRON_APP: join(root, 'missing') }, platform: 'win32' }),
    ).toMatchObject({ action: 'fail' });
  });

  // Where Electron is installed the script runs the real smoke test instead (not from here).
  const noElectronHere = decide({ env: { DISPLAY: ':0' } }).action === 'skip';
  it.runIf(noElectronHere)('without Electron’s binary: exits 0, saying it did not run', () => {
    const result = spawnSync(process.execPath, ['scripts/test-electron.mjs'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TVAULT_ELECTRON_APP: '' },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^test:electron: NOT RUN\. Electron's binary is not installed/);
  });
});
