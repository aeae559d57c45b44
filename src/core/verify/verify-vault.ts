import type { VerifyProblem, VerifyReport } from '../../shared/custody/types';
import { isVaultError } from '../../shared/errors';
import { verifyLog } from '../custody/verify-log';
import type { Vault } from '../vault/vault';

export type { VerifyReport };

export type VerifyPhase = 'records' | 'attachments' | 'log' | 'search';

export interface VerifyOptions {
  /** Called as work advances (at most every 200 items and for each attachment's bytes). */
  onProgress?: (phase: VerifyPhase, done: number, total: number) => void;
}

/** Problems kept in the report; beyond, only counted (a wholly damaged vault lists 1,000). */
const MAX_PROBLEMS = 1000;

/** Only a VaultError's message is safe to show (it names ids); anything else stays generic. */
function reason(error: unknown): string {
  if (isVaultError(error)) return error.message;
  return 'could not be read';
}

/**
 * Checks the whole vault (docs/custody.md, "tvault verify"): every revision of every record
 * decrypts and authenticates, every attachment decrypts to the SHA-256 recorded at ingest, the
 * custody log's chain and signatures hold, and the stored search index holds every record.
 * Problems are named by id; nothing is repaired or written except the log's own entries.
 */
export async function verifyVault(
  vault: Vault,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const problems: VerifyProblem[] = [];
  let dropped = 0;
  const report = (problem: VerifyProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(problem);
    else dropped += 1;
  };
  const progress = options.onProgress ?? (() => undefined);
  const checked = { records: 0, revisions: 0, attachments: 0, logEntries: 0 };

  const records = vault.records.count();
  for (const id of vault.records.pagedIds()) {
    try {
      checked.revisions += vault.records.revisions(id).length;
    } catch (error) {
      report({ kind: 'record', id, detail: reason(error) });
    }
    checked.records += 1;
    if (checked.records % 200 === 0) progress('records', checked.records, records);
  }
  progress('records', checked.records, records);

  const attachments = vault.attachments.count();
  for (const id of vault.attachments.ids()) {
    try {
      await vault.attachments.verify(id);
    } catch (error) {
      report({ kind: 'attachment', id, detail: reason(error) });
    }
    checked.attachments += 1;
    progress('attachments', checked.attachments, attachments);
  }

  progress('log', 0, 1);
  checked.logEntries = verifyLog(
    vault.custody,
    vault.identity.publicIdentity().signingKey,
    vault.vaultId,
    report,
  );
  progress('log', 1, 1);

  progress('search', 0, 1);
  checkSearchIndex(vault, report);
  progress('search', 1, 1);

  if (dropped > 0)
    problems.push({ kind: 'more', id: 'problems', detail: `${dropped} more problems not listed` });
  return { ok: problems.length === 0, checked, problems };
}

function checkSearchIndex(vault: Vault, report: (problem: VerifyProblem) => void): void {
  const index = vault.search.storedIndex();
  if (index === null) {
    // A vault that never searched has no index yet, and one of an older format is rebuilt at
    // the next search: neither is damage.
    const empty =
      vault.records.count() === 0 ||
      !vault.search.hasStoredIndex() ||
      vault.search.storedIndexOutdated();
    if (!empty)
      report({
        kind: 'search-index',
        id: 'index',
        detail: 'the stored search index cannot be read',
      });
    return;
  }
  // The indexed ids, gathered a segment at a time: the ids are held, never the whole index.
  const indexed = new Set<string>();
  let twice = 0;
  try {
    for (const id of index.ids()) {
      if (indexed.has(id)) twice += 1;
      indexed.add(id);
    }
  } catch {
    report({ kind: 'search-index', id: 'index', detail: 'the stored search index cannot be read' });
    return;
  }
  if (twice > 0)
    report({ kind: 'search-index', id: 'index', detail: `${twice} document(s) indexed twice` });
  let extra = indexed.size;
  for (const id of vault.records.pagedIds()) {
    if (indexed.has(id)) extra -= 1;
    else if (!index.pending.has(id))
      report({ kind: 'search-index', id, detail: 'the record is missing from the search index' });
  }
  // Deletions not yet applied still sit in the index: they are not extra documents.
  for (const id of index.pending) if (!vault.records.exists(id) && indexed.has(id)) extra -= 1;
  if (extra > 0)
    report({
      kind: 'search-index',
      id: 'index',
      detail: `the search index holds ${extra} document(s) that are not records`,
    });
}
