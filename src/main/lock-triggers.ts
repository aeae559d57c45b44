import type { LockReason } from '../shared/ipc/types';

/**
 * The panic lock: the global shortcut locks the vault and hides the window at once, so that a
 * person who must hand over the laptop leaves nothing on screen. The accelerator works even when
 * the app is not in front.
 */
export const PANIC_SHORTCUT = 'CommandOrControl+Shift+L';

export interface PanicTargets {
  lock: (reason: LockReason) => void;
  window: { hide(): void } | null;
}

export function panicLock(targets: PanicTargets): void {
  // Hide first: the window disappears even if locking took a moment.
  targets.window?.hide();
  targets.lock('shortcut');
}

/** System events that lock the vault (Electron powerMonitor event -> reason). */
export const POWER_LOCK_EVENTS = {
  suspend: 'suspend',
  'lock-screen': 'lock-screen',
} as const satisfies Record<string, LockReason>;
