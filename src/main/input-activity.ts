/**
 * Time since the last keyboard, mouse or touch input in the app's window (main feeds it from
 * webContents' `input-event`). It is the idle timer that works everywhere: the system's idle
 * time reads 0 on some Wayland desktops, and is only one input to AutoLock.
 */
export class InputActivity {
  readonly #now: () => number;
  #last: number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
    this.#last = now();
  }

  touch(): void {
    this.#last = this.#now();
  }

  idleSeconds(): number {
    return Math.floor((this.#now() - this.#last) / 1000);
  }
}
