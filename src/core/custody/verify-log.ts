import type { VerifyProblem } from '../../shared/custody/types';
import { isVaultError } from '../../shared/errors';
import { sodium } from '../crypto/sodium';
import type { CustodyLog } from './custody-log';
import { GENESIS_HASH, checkpointMessage } from './entry-codec';
import { TagChecker } from './verify-tags';

/**
 * Checks the whole custody log in one pass, a page at a time: every entry opens at its own
 * position (an edited or moved entry does not), no seq is missing, each entry's `prev` is the
 * hash of the one before, every checkpoint's signature holds and matches the chain at its seq,
 * the record tags match the entries, the sealed head is on the last row and names it (a removed
 * tail shows) and the genesis is entry 1. Returns the entries checked.
 */
export function verifyLog(
  log: CustodyLog,
  signingKey: Uint8Array,
  vaultId: string,
  report: (problem: VerifyProblem) => void,
): number {
  const problem = (kind: string, id: number | string, detail: string) =>
    report({ kind, id: String(id), detail });
  const checkpoints = log.checkpoints();
  let nextCheckpoint = checkpoints.next();
  let expected = 1;
  let prevHash: string | null = GENESIS_HASH;
  let lastSeq = 0;
  let lastHash: string | null = null;
  let firstHash: string | null | undefined;
  let checked = 0;
  let headRow: { seq: number; head: Uint8Array | null } | null = null;
  const tags = new TagChecker(log.tagBlocks(), problem);
  const hashes = new Map<number, string | null>();

  const checkCheckpointsUpTo = (seq: number) => {
    while (!nextCheckpoint.done && nextCheckpoint.value.seq <= seq) {
      const cp = nextCheckpoint.value;
      const signed = sodium().verifyDetached({
        signature: cp.signature,
        message: checkpointMessage(vaultId, cp.seq, cp.hash),
        publicKey: signingKey,
      });
      if (!signed)
        problem('log-checkpoint-signature', cp.seq, 'the checkpoint signature does not verify');
      const at = hashes.get(cp.seq);
      if (at === undefined) problem('log-checkpoint-orphan', cp.seq, 'no entry at this checkpoint');
      else if (at !== null && at !== cp.hash)
        problem('log-checkpoint-mismatch', cp.seq, 'the chain differs from what was signed');
      nextCheckpoint = checkpoints.next();
    }
    hashes.clear();
  };

  for (const row of log.rows()) {
    checked += 1;
    if (row.seq !== expected) {
      const missing = row.seq - expected;
      problem(
        'log-entry-missing',
        expected,
        missing === 1
          ? 'entry removed'
          : `${missing} entries removed (${expected}..${row.seq - 1})`,
      );
      prevHash = null;
    }
    if (headRow?.head) problem('log-head', headRow.seq, 'entries follow the sealed head');
    headRow = row;
    let expectedTags: Uint8Array | null | undefined;
    try {
      const { entry, hash } = log.open(row.seq, row.sealed);
      if (prevHash !== null && entry.prev !== prevHash)
        problem('log-chain-broken', row.seq, 'does not follow the entry before it');
      expectedTags = log.tagsFor(entry);
      prevHash = hash;
      lastHash = hash;
    } catch (error) {
      if (!isVaultError(error)) throw error;
      problem('log-entry-damaged', row.seq, 'altered, moved or damaged: it does not authenticate');
      prevHash = null;
      lastHash = null;
    }
    tags.row(row.seq, row.tags, expectedTags);
    if (row.seq === 1) firstHash = lastHash;
    hashes.set(row.seq, lastHash);
    lastSeq = row.seq;
    expected = row.seq + 1;
    // Checkpoints are checked as the scan passes them, so memory stays bounded.
    if (hashes.size >= 1000) checkCheckpointsUpTo(lastSeq);
  }
  checkCheckpointsUpTo(lastSeq);
  tags.end();
  for (; !nextCheckpoint.done; nextCheckpoint = checkpoints.next())
    problem(
      'log-truncated',
      nextCheckpoint.value.seq,
      'a signed checkpoint is past the last entry',
    );

  checkGenesis(log, firstHash, lastSeq, problem);
  if (!headRow) return checked;
  if (!headRow.head) {
    problem(
      'log-truncated',
      lastSeq + 1,
      `the last entry (${lastSeq}) is not the sealed head: entries after it were removed`,
    );
    return checked;
  }
  let head;
  try {
    head = log.openHead(headRow.head);
  } catch {
    problem('log-head', 'head', 'the sealed head of the log was altered');
    return checked;
  }
  if (head.seq > lastSeq)
    problem('log-truncated', head.seq, `entries ${lastSeq + 1}..${head.seq} were removed`);
  else if (head.seq < lastSeq) problem('log-head', head.seq, 'entries follow the sealed head');
  else if (lastHash !== null && head.hash !== lastHash)
    problem('log-chain-broken', head.seq, 'the last entry is not the one the head names');
  return checked;
}

/** The genesis (entry 1's hash, in meta) must be entry 1: a log removed whole shows. */
function checkGenesis(
  log: CustodyLog,
  firstHash: string | null | undefined,
  lastSeq: number,
  problem: (kind: string, id: number | string, detail: string) => void,
): void {
  let genesis;
  try {
    genesis = log.genesis();
  } catch {
    problem('log-head', 'genesis', 'the sealed genesis of the log was altered');
    return;
  }
  if (!genesis) {
    if (lastSeq > 0 && firstHash !== undefined && firstHash !== null)
      problem('log-head', 'genesis', 'the sealed genesis of the log is missing');
  } else if (lastSeq === 0) problem('log-truncated', 1, 'every entry was removed');
  else if (firstHash === undefined)
    return; // entry 1 is missing: reported as log-entry-missing
  else if (firstHash !== null && firstHash !== genesis.hash)
    problem('log-chain-broken', 1, 'entry 1 is not the one the log began with');
}
