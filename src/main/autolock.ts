import type { LockReason } from '../shared/ipc/types';

/** powerMonitor.getSystemIdleState's answer. */
export type SystemIdleState = 'active' | 'idle' | 'locked' | 'unknown';

export interface AutoLockOptions {
  /** Seconds since the last keyboard or mouse input on the computer (powerMonitor in the app). */
  idleSeconds: () => number;
  /** Seconds since the last input in the app's window (InputActivity in the app). */
  appIdleSeconds?: () => number;
  /**
   * The system's idle state for a threshold in seconds (powerMonitor.getSystemIdleState):
   * 'locked' while the screen is locked. Polled because Linux never emits `lock-screen`.
   */
  systemIdleState?: (thresholdSeconds: number) => SystemIdleState;
  /** The configured delay, read at every check so a settings change applies at once. */
  minutes: () => number;
  isUnlocked: () => boolean;
  lock: (reason: LockReason) => void;
  /** How often to look; a lock happens at most this late. */
  intervalMs?: number;
}

/**
 * Locks the vault after a period without input, and when the screen is found locked.
 *
 * Idle is the longer of two clocks: the system's idle time (so reading a long testimony without
 * touching anything counts as idle) and the time since the last input in the app's window. The
 * second exists because the first cannot be trusted everywhere (it reads 0 on some Wayland
 * desktops, which would keep the vault open forever); the cost is that the vault also locks when
 * the person works in other programs for that long, which errs on the safe side.
 */
export class AutoLock {
  readonly #options: AutoLockOptions;
  #timer: ReturnType<typeof setInterval> | null = null;

  constructor(options: AutoLockOptions) {
    this.#options = options;
  }

  /** Checks once; returns true when it locked. */
  check(): boolean {
    const { idleSeconds, appIdleSeconds, systemIdleState, minutes, isUnlocked, lock } =
      this.#options;
    if (!isUnlocked()) return false;
    const limit = minutes() * 60;
    if (systemIdleState?.(limit) === 'locked') {
      lock('lock-screen');
      return true;
    }
    if (Math.max(idleSeconds(), appIdleSeconds?.() ?? 0) < limit) return false;
    lock('idle');
    return true;
  }

  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.check(), this.#options.intervalMs ?? 5_000);
    // The timer alone must not keep a Node process (tests, the harness) alive.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
  }
}
