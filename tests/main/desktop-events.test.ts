import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { AutoLock } from '../../src/main/autolock';
import { applyChromiumSwitches } from '../../src/main/chromium-switches';
import { wireDesktopEvents, type DesktopWindow } from '../../src/main/desktop-events';
import { InputActivity } from '../../src/main/input-activity';
import type { LockReason } from '../../src/shared/ipc/types';

/**
 * How the app locks and comes back on each desktop, with Electron's objects faked: what a run
 * on each desktop confirms is listed in docs/security.md ("What is verified where").
 */
type IdleState = 'active' | 'idle' | 'locked' | 'unknown';

function fakeWindow(): DesktopWindow & { calls: string[]; minimized: boolean } {
  const calls: string[] = [];
  const win = {
    calls,
    minimized: false,
    isDestroyed: () => false,
    isMinimized: () => win.minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
    hide: () => calls.push('hide'),
  };
  return win;
}

function setup(options: { register?: boolean } = {}) {
  const app = Object.assign(new EventEmitter(), { quit: vi.fn() });
  const power = Object.assign(new EventEmitter(), {
    idle: 0,
    state: 'active' as IdleState,
    getSystemIdleTime: () => power.idle,
    getSystemIdleState: vi.fn((_threshold: number): IdleState => power.state),
  });
  const shortcuts: Record<string, () => void> = {};
  const globalShortcut = {
    register: vi.fn((accelerator: string, callback: () => void) => {
      if (options.register === false) return false;
      shortcuts[accelerator] = callback;
      return true;
    }),
    unregisterAll: vi.fn(),
  };
  const win = fakeWindow();
  const locks: LockReason[] = [];
  const state = { unlocked: true, appIdle: 0 };
  const warn = vi.fn();
  const wired = wireDesktopEvents({
    app,
    powerMonitor: power,
    globalShortcut,
    window: () => win,
    lock: (reason) => {
      locks.push(reason);
      state.unlocked = false;
    },
    isUnlocked: () => state.unlocked,
    autoLockMinutes: () => 5,
    appIdleSeconds: () => state.appIdle,
    warn,
  });
  return { app, power, shortcuts, globalShortcut, win, locks, state, warn, wired };
}

describe('macOS: the Dock icon after a panic lock', () => {
  it('shows the hidden window again, locked, on activate', () => {
    const { app, shortcuts, win, locks } = setup();
    shortcuts['CommandOrControl+Shift+L']!();
    expect(win.calls).toEqual(['hide']);
    expect(locks).toEqual(['shortcut']);
    app.emit('activate');
    expect(win.calls).toEqual(['hide', 'show', 'focus']);
    expect(locks).toEqual(['shortcut']);
  });

  it('restores a minimised window on activate and on a second instance', () => {
    const { app, win } = setup();
    win.minimized = true;
    app.emit('activate');
    app.emit('second-instance');
    expect(win.calls).toEqual(['restore', 'show', 'focus', 'restore', 'show', 'focus']);
  });
});

describe('Linux: locking without lock-screen events and with idle time 0 (Wayland)', () => {
  it('locks when the system reports the screen locked, polled', () => {
    const { power, locks, wired } = setup();
    expect(wired.autoLock.check()).toBe(false);
    power.state = 'locked';
    expect(wired.autoLock.check()).toBe(true);
    expect(locks).toEqual(['lock-screen']);
    expect(power.getSystemIdleState).toHaveBeenCalledWith(300);
  });

  it('locks after the configured minutes without input in the window, whatever the system says', () => {
    const { state, locks, wired } = setup();
    state.appIdle = 299;
    expect(wired.autoLock.check()).toBe(false);
    state.appIdle = 300;
    expect(wired.autoLock.check()).toBe(true);
    expect(locks).toEqual(['idle']);
  });

  it('still locks on the system idle time where it works', () => {
    const { power, locks, wired } = setup();
    power.idle = 301;
    expect(wired.autoLock.check()).toBe(true);
    expect(locks).toEqual(['idle']);
  });

  it('keeps the lock-screen and suspend events (macOS, Windows)', () => {
    const { power, locks, state } = setup();
    power.emit('lock-screen');
    state.unlocked = true;
    power.emit('suspend');
    expect(locks).toEqual(['lock-screen', 'suspend']);
  });

  it('turns on the GlobalShortcutsPortal feature on Linux only, before the app is ready', () => {
    for (const [platform, expected] of [
      ['linux', [['enable-features', 'GlobalShortcutsPortal']]],
      ['darwin', []],
      ['win32', []],
    ] as const) {
      const appendSwitch = vi.fn();
      applyChromiumSwitches({ appendSwitch }, platform);
      expect(appendSwitch.mock.calls, platform).toEqual(expected);
    }
  });

  it('warns when another program holds the panic shortcut', () => {
    const { warn } = setup({ register: false });
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/CommandOrControl\+Shift\+L.*taken/));
  });
});

describe('quitting', () => {
  it('locks on quit and on closing the window, and releases the shortcut', () => {
    const { app, globalShortcut, locks, state } = setup();
    app.emit('before-quit');
    state.unlocked = true;
    app.emit('window-all-closed');
    expect(locks).toEqual(['quit', 'quit']);
    expect(app.quit).toHaveBeenCalled();
    app.emit('will-quit');
    expect(globalShortcut.unregisterAll).toHaveBeenCalled();
  });
});

describe('the in-app input timer', () => {
  it('counts seconds since the last input event in the window', () => {
    let now = 1_000_000;
    const activity = new InputActivity(() => now);
    now += 42_000;
    expect(activity.idleSeconds()).toBe(42);
    activity.touch();
    now += 1_500;
    expect(activity.idleSeconds()).toBe(1);
  });

  it('is one more input to AutoLock, not a replacement for the system idle time', () => {
    const lock = vi.fn();
    const autoLock = new AutoLock({
      idleSeconds: () => 0,
      appIdleSeconds: () => 600,
      minutes: () => 5,
      isUnlocked: () => true,
      lock,
    });
    expect(autoLock.check()).toBe(true);
    expect(lock).toHaveBeenCalledWith('idle');
  });
});
