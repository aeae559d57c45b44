import { VaultLockedError } from '../shared/errors';
import type { LockReason, VaultStatus } from '../shared/ipc/types';
import { type Credentials, Vault, type VaultOptions } from '../core/vault/vault';

export interface VaultSessionOptions {
  dir: string;
  vaultOptions?: VaultOptions;
}

type LockListener = (reason: LockReason) => void;
type UnlockListener = () => void;

/**
 * The app's one vault: null while locked. Main owns it; the renderer only ever sees what the
 * handlers return. Locking closes the vault (which wipes every key and releases the database)
 * and tells the listeners (the renderer, pending uploads) so they drop what they hold.
 */
export class VaultSession {
  readonly dir: string;
  readonly #options: VaultOptions;
  #vault: Vault | null = null;
  /** Serialises create/unlock: two clicks must not open the database twice. */
  #opening: Promise<unknown> | null = null;
  readonly #listeners: LockListener[] = [];
  readonly #unlockListeners: UnlockListener[] = [];
  /**
   * Counts lock requests, even those that find the vault locked: an unlock or a creation still
   * deriving its key (about a second, off the main thread) when the user locks, by the panic
   * shortcut say, must not leave the vault open once the derivation ends.
   */
  #lockRequests = 0;

  constructor(options: VaultSessionOptions) {
    this.dir = options.dir;
    this.#options = options.vaultOptions ?? {};
  }

  status(): VaultStatus {
    const state = this.#vault?.isOpen ? 'unlocked' : Vault.exists(this.dir) ? 'locked' : 'absent';
    return { state };
  }

  /** The unlocked vault, or null. */
  current(): Vault | null {
    return this.#vault?.isOpen ? this.#vault : null;
  }

  /** The unlocked vault; VAULT.LOCKED otherwise. */
  require(): Vault {
    const vault = this.current();
    if (!vault) throw new VaultLockedError();
    return vault;
  }

  onLock(listener: LockListener): void {
    this.#listeners.push(listener);
  }

  /** Told after an unlock opened the vault (the team sync starts then); not after a creation. */
  onUnlock(listener: UnlockListener): void {
    this.#unlockListeners.push(listener);
  }

  /** Creates the vault and leaves it unlocked. The recovery key is returned once, never kept. */
  async create(passphrase: string): Promise<string> {
    // Counted from the request, not from its turn: a lock while it waits behind another
    // open counts too.
    const requested = this.#lockRequests;
    return this.#exclusive(async () => {
      const { vault, recoveryKey } = await Vault.create(this.dir, passphrase, this.#options);
      // Locked meanwhile: the vault exists, stays locked, and its recovery key is still shown
      // (it is shown only this once).
      if (this.#lockRequests !== requested) vault.close();
      else this.#vault = vault;
      return recoveryKey;
    });
  }

  async unlock(credentials: Credentials): Promise<void> {
    const requested = this.#lockRequests;
    const opened = await this.#exclusive(async () => {
      if (this.current()) return false;
      if (this.#lockRequests !== requested) throw new VaultLockedError();
      const vault = await Vault.open(this.dir, credentials, this.#options);
      if (this.#lockRequests !== requested) {
        vault.close();
        throw new VaultLockedError();
      }
      this.#vault = vault;
      return true;
    });
    if (!opened) return;
    for (const listener of this.#unlockListeners) {
      try {
        listener();
      } catch {
        // A background task failing to start must not fail the unlock.
      }
    }
  }

  /** Locks now. Returns false when it was already locked (listeners are told only once). */
  lock(reason: LockReason): boolean {
    this.#lockRequests += 1;
    const vault = this.#vault;
    this.#vault = null;
    if (!vault) return false;
    vault.close();
    for (const listener of this.#listeners) {
      try {
        listener(reason);
      } catch {
        // A listener failing must not stop the others from dropping their state.
      }
    }
    return true;
  }

  async #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    while (this.#opening) await this.#opening.catch(() => undefined);
    const run = fn();
    this.#opening = run;
    try {
      return await run;
    } finally {
      this.#opening = null;
    }
  }
}
