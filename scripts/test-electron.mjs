#!/usr/bin/env node
// `npm run test:electron`: the smoke test of the real Electron app (tests/electron/smoke.spec.ts).
//
// It runs for real wherever it can: against a packaged app when TVAULT_ELECTRON_APP names its
// executable (the release workflow), otherwise against the built sources with the Electron in
// node_modules. Where Electron's binary is not installed (npm ran with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1, as on the project's build machine) it cannot run: it prints
// that it did NOT run and why, and exits 0, so `npm test` stays usable there. Anything else that
// stops it (a packaged app that is not there, Linux without a display or xvfb-run) is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { electronBinaryPath } from './electron-native.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG = join('tests', 'electron', 'playwright.config.ts');

function onPath(program, env) {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  return dirs.some((dir) => existsSync(join(dir, program)));
}

/**
 * What to do: { action: 'skip' | 'fail', reason } or { action: 'run', mode, xvfb }.
 * Pure apart from looking at files, so tests/main/test-electron.test.ts can drive it.
 */
export function decide({ root = ROOT, env = process.env, platform = process.platform } = {}) {
  const packaged = env.TVAULT_ELECTRON_APP;
  if (packaged && !existsSync(packaged)) {
    return {
      action: 'fail',
      reason: `TVAULT_ELECTRON_APP is ${packaged}, which does not exist.`,
    };
  }
  if (!packaged && !electronBinaryPath(root)) {
    return {
      action: 'skip',
      reason:
        "Electron's binary is not installed (node_modules/electron/dist is missing: npm ran with " +
        'ELECTRON_SKIP_BINARY_DOWNLOAD=1). Install it with `node node_modules/electron/install.js` ' +
        '(needs the network), or set TVAULT_ELECTRON_APP to a packaged app.',
    };
  }
  let xvfb = false;
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    if (!onPath('xvfb-run', env)) {
      return {
        action: 'fail',
        reason: 'No display (DISPLAY, WAYLAND_DISPLAY) and no xvfb-run: install xvfb.',
      };
    }
    xvfb = true;
  }
  return { action: 'run', mode: packaged ? 'packaged' : 'sources', xvfb };
}

function step(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env, shell: false });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function main() {
  const plan = decide();
  if (plan.action === 'skip') {
    console.log(`test:electron: NOT RUN. ${plan.reason}`);
    return;
  }
  if (plan.action === 'fail') {
    console.error(`test:electron: cannot run: ${plan.reason}`);
    process.exit(1);
  }
  const node = process.execPath;
  if (plan.mode === 'sources') {
    step(node, [join('scripts', 'electron-native.mjs')]);
    step(node, [join('node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
  }
  const playwright = [join('node_modules', '@playwright', 'test', 'cli.js'), 'test', '-c', CONFIG];
  console.log(
    `test:electron: running against ${plan.mode === 'packaged' ? process.env.TVAULT_ELECTRON_APP : 'the built sources'}${plan.xvfb ? ' under xvfb-run' : ''}`,
  );
  if (plan.xvfb) step('xvfb-run', ['--auto-servernum', node, ...playwright]);
  else step(node, playwright);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
