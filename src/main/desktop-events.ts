import type { LockReason } from '../shared/ipc/types';
import { AutoLock, type SystemIdleState } from './autolock';
import { PANIC_SHORTCUT, POWER_LOCK_EVENTS, panicLock } from './lock-triggers';

/**
 * The desktop's events that lock the vault or bring the window back, wired to Electron's `app`,
 * `powerMonitor` and `globalShortcut` (or fakes of them in tests/main/desktop-events.test.ts).
 *
 * What each desktop gives: `lock-screen` comes on macOS and Windows only, so the screen lock is
 * also polled (getSystemIdleState 'locked', which Linux answers through the desktop's screen
 * saver service); `suspend` comes everywhere; the idle time is the longer of the system's and the
 * window's own (AutoLock). macOS sends `activate`, not `second-instance`, when the Dock icon is
 * clicked: both show the window, which after a panic lock is hidden and shows the unlock screen.
 */
export interface DesktopWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
  hide(): void;
}

interface Emitter {
  on(event: string, listener: () => void): unknown;
}

export interface DesktopDeps {
  app: Emitter & { quit(): void };
  powerMonitor: Emitter & {
    getSystemIdleTime(): number;
    getSystemIdleState(idleThreshold: number): SystemIdleState;
  };
  globalShortcut: {
    register(accelerator: string, callback: () => void): boolean;
    unregisterAll(): void;
  };
  window: () => DesktopWindow | null;
  lock: (reason: LockReason) => void;
  isUnlocked: () => boolean;
  autoLockMinutes: () => number;
  /** Seconds since the last input in the window (InputActivity). */
  appIdleSeconds: () => number;
  warn: (message: string) => void;
}

export function showWindow(window: DesktopWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

export function wireDesktopEvents(deps: DesktopDeps): { autoLock: AutoLock } {
  const { app, powerMonitor, globalShortcut, lock } = deps;
  const autoLock = new AutoLock({
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
    appIdleSeconds: deps.appIdleSeconds,
    systemIdleState: (threshold) => powerMonitor.getSystemIdleState(threshold),
    minutes: deps.autoLockMinutes,
    isUnlocked: deps.isUnlocked,
    lock,
  });
  autoLock.start();
  for (const [event, reason] of Object.entries(POWER_LOCK_EVENTS)) {
    powerMonitor.on(event, () => lock(reason));
  }
  const panic = () => panicLock({ lock, window: deps.window() });
  if (!globalShortcut.register(PANIC_SHORTCUT, panic)) {
    deps.warn(`The panic shortcut ${PANIC_SHORTCUT} is taken by another program.`);
  }
  app.on('activate', () => showWindow(deps.window()));
  app.on('second-instance', () => showWindow(deps.window()));
  app.on('before-quit', () => lock('quit'));
  app.on('will-quit', () => {
    autoLock.stop();
    globalShortcut.unregisterAll();
  });
  app.on('window-all-closed', () => {
    lock('quit');
    app.quit();
  });
  return { autoLock };
}
