/**
 * How much one way of using the vault writes to its custody log (docs/custody.md, "How much is
 * logged"). The log has to stay readable as evidence: an unlock entry for every CLI command and
 * a signature after each one buried the actions among thousands of "unlocked" lines.
 */
export interface CustodyVolume {
  /**
   * Write `vault.unlocked` for a passphrase unlock. Unlocks with the recovery key or shares are
   * always written (`recovery.used`): they are events in themselves.
   */
  logUnlock: boolean;
  /** At close, sign a checkpoint only when at least this many entries follow the last one. */
  checkpointAtCloseAfter: number;
}

/**
 * During any session a checkpoint is signed as soon as this many entries follow the last one,
 * so the unsigned tail of the log is never longer than this.
 */
export const CHECKPOINT_EVERY = 64;

/** The app: one unlock entry per session (unlock to lock), a checkpoint at every lock. */
export const SESSION_VOLUME: CustodyVolume = { logUnlock: true, checkpointAtCloseAfter: 1 };

/**
 * What a CLI command touches. `content`: it reads or writes testimonies or their files (add,
 * show, list, search, export…), so the unlock is worth an entry. `metadata`: it reads or
 * changes only keys, partners, the log itself or checks the vault (log, verify, backup,
 * partner, passwd…); whatever it changes writes its own entry.
 */
export type CommandAccess = 'content' | 'metadata';

/** One CLI command: a checkpoint at most every CHECKPOINT_EVERY entries, not at each exit. */
export function commandVolume(access: CommandAccess): CustodyVolume {
  return { logUnlock: access === 'content', checkpointAtCloseAfter: CHECKPOINT_EVERY };
}
