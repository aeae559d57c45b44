import type { LockReason } from '../shared/ipc/types';

export interface AutoLockOptions {
  /** Seconds since the last keyboard or mouse input on the computer (powerMonitor in the app). */
  idleSeconds: () => number;
  /** The configured delay, read at every check so a settings change applies at once. */
  minutes: () => number;
  isUnlocked: () => boolean;
  lock: (reason: LockReason) => void;
  /** How often to look; the lock happens at most this late. */
  intervalMs?: number;
}

/**
 * Locks the vault after a period without input. The system's idle time is used rather than
 * the window's own events, so reading a long testimony without touching the mouse counts as
 * idle too, and activity in other programs (the person is at the computer) does not.
 */
export class AutoLock {
  readonly #options: AutoLockOptions;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(options: AutoLockOptions) {
    this.#options = options;
  }

  /** Checks once; returns true when it locked. */
  check(): boolean {
    const { idleSeconds, minutes, isUnlocked, lock } = this.#options;
    if (!isUnlocked()) return false;
    if (idleSeconds() < minutes() * 60) return false;
    lock('idle');
    return true;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.check(), this.#options.intervalMs ?? 15_000);
    // The timer alone must not keep a Node process (tests, the harness) alive.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
