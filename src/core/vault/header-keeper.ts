import { join } from 'node:path';
import { InvalidInputError, VaultLockedError } from '../../shared/errors';
import type { CustodyFact } from '../../shared/custody/types';
import { MIN_PASSPHRASE_CHARS } from '../../shared/records/passphrase';
import type { KdfParams } from '../crypto/kdf';
import type { KeyRing } from '../crypto/keyring';
import { type HeaderKey, type MasterKey, copyKey } from '../crypto/keys';
import { formatRecoveryKey, generateRecoverySecret } from '../crypto/recovery-key';
import { splitRecoverySecret } from '../crypto/recovery-shares';
import { wipe } from '../crypto/sodium';
import { writeFileAtomic } from '../fs/atomic';
import {
  type VaultHeader,
  rewrapPassphrase,
  serializeHeader,
  unwrapWithPassphrase,
  withRecoverySecret,
  withShares,
} from './header';
import { VAULT_FILES } from './paths';

export function assertPassphrase(passphrase: string): void {
  if ([...passphrase].length < MIN_PASSPHRASE_CHARS) {
    throw new InvalidInputError(
      `The passphrase must have at least ${MIN_PASSPHRASE_CHARS} characters.`,
    );
  }
}

/** What the header keeper needs of its open vault. */
export interface HeaderKeeperDeps {
  dir: string;
  /** The key ring; VAULT.LOCKED once the vault is locked. */
  keys: () => KeyRing;
  isOpen: () => boolean;
  /** Logs a header change once the new header is on disk. */
  note: (fact: CustodyFact) => void;
}

/**
 * vault.json of an open vault: the passphrase, the recovery key and the recovery shares wrap
 * the master key there. Changes run one after the other, in the order asked: two overlapping
 * ones must not end in whichever derivation happened to finish last. Nothing but the header is
 * re-encrypted.
 */
export class HeaderKeeper {
  #header: VaultHeader;
  #changes: Promise<unknown> = Promise.resolve();

  constructor(
    header: VaultHeader,
    private readonly deps: HeaderKeeperDeps,
  ) {
    this.#header = header;
  }

  get kdf(): KdfParams {
    const { alg, opslimit, memlimit } = this.#header.kdf;
    return { alg, opslimit, memlimit };
  }

  /** The current split's id, threshold and count (not secret), or null. */
  get recoveryShares(): { splitId: string; threshold: number; count: number } | null {
    const shares = this.#header.shares;
    return shares
      ? { splitId: shares.splitId, threshold: shares.threshold, count: shares.count }
      : null;
  }

  /**
   * Checks a passphrase against the header (VAULT.WRONG_PASSPHRASE if it does not unwrap the
   * master key). Used before sensitive changes, so that someone at an unlocked, unattended
   * laptop cannot take the vault over.
   */
  async verifyPassphrase(passphrase: string): Promise<void> {
    wipe(await unwrapWithPassphrase(this.#header, passphrase));
  }

  /** Re-wraps the master key under a new passphrase; nothing else is re-encrypted. */
  changePassphrase(newPassphrase: string, kdf: KdfParams): Promise<void> {
    return this.#change(async (masterKey, headerKey) => {
      assertPassphrase(newPassphrase);
      return {
        header: await rewrapPassphrase(this.#header, masterKey, headerKey, newPassphrase, kdf),
        result: undefined,
        fact: { action: 'passphrase.changed' },
      };
    });
  }

  /**
   * Makes a new recovery key and returns it, to be shown once; the previous key stops working.
   * Nothing else changes.
   */
  rotateRecoveryKey(): Promise<string> {
    return this.#change(async (masterKey, headerKey) => {
      const secret = generateRecoverySecret();
      try {
        return {
          header: withRecoverySecret(this.#header, masterKey, headerKey, secret),
          result: formatRecoveryKey(secret),
          fact: { action: 'recovery.rotated' },
        };
      } finally {
        wipe(secret);
      }
    });
  }

  /**
   * Splits a fresh recovery secret into `count` shares, any `threshold` of which unlock the
   * vault (docs/custody.md). Returns the share texts, to be shown once each. A new split
   * replaces the previous one: its shares stop working. The recovery key is not affected.
   */
  splitRecovery(count: number, threshold: number): Promise<string[]> {
    return this.#change(async (masterKey, headerKey) => {
      const { secret, splitId, shares } = await splitRecoverySecret(count, threshold);
      try {
        return {
          header: withShares(this.#header, masterKey, headerKey, {
            splitId,
            threshold,
            count,
            secret,
          }),
          result: shares,
          fact: { action: 'recovery.split', detail: { split: splitId, count, threshold } },
        };
      } finally {
        wipe(secret);
      }
    });
  }

  /**
   * Rewrites vault.json through `build`, after the changes asked before it, logging `fact` once
   * the new header is on disk. The keys are copies: the vault may be locked while a new key is
   * derived (off this thread), which wipes the key ring in place, and a wiped master key must
   * never be wrapped and written.
   */
  #change<T>(
    build: (
      masterKey: MasterKey,
      headerKey: HeaderKey,
    ) => Promise<{ header: VaultHeader; result: T; fact: CustodyFact }>,
  ): Promise<T> {
    const run = this.#changes.then(async () => {
      const keys = this.deps.keys();
      const masterKey = copyKey(keys.masterKey());
      const headerKey = copyKey(keys.key('header'));
      try {
        const { header, result, fact } = await build(masterKey, headerKey);
        if (!this.deps.isOpen()) throw new VaultLockedError();
        writeFileAtomic(join(this.deps.dir, VAULT_FILES.header), serializeHeader(header));
        this.#header = header;
        this.deps.note(fact);
        return result;
      } finally {
        wipe(masterKey, headerKey);
      }
    });
    this.#changes = run.catch(() => undefined);
    return run;
  }
}
