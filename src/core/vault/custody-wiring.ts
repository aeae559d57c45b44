import type { CustodyDetail, CustodyFact } from '../../shared/custody/types';
import type { AttachmentStore } from '../attachments/attachment-store';
import { revisionDigest } from '../custody/revision-digest';
import type { RecordStore } from '../records/record-store';
import type { Credentials } from './unlock';

/**
 * Store changes reach the custody log inside their own transaction: no change without its
 * entry, no entry without its change (docs/custody.md).
 */
export function logStoreChanges(
  stores: { records: RecordStore; attachments: AttachmentStore },
  note: (fact: CustodyFact) => void,
  state: {
    /** True during a bulk import, which logs one entry per batch instead (Vault.importFile). */
    importing: () => boolean;
    /** The revision a restore copies (Vault.restoreRevision), named in its edit's entry. */
    restoringFrom: () => number | null;
  },
): void {
  stores.records.onChange((id, record) => {
    if (!record) return note({ action: 'record.deleted', record: id });
    if (state.importing() && record.revision === 1) return;
    const restoredFrom = state.restoringFrom();
    // A partner's record keeps the sender's custody facts.
    const p = record.provenance;
    const received: CustodyDetail = p
      ? {
          from: p.senderFingerprint,
          partner: p.partner,
          bundle: p.bundleId,
          receivedAt: p.receivedAt,
        }
      : {};
    note({
      action: record.revision === 1 ? 'record.created' : 'record.edited',
      record: id,
      detail: {
        revision: record.revision,
        sha256: revisionDigest(record),
        ...(restoredFrom !== null ? { restoredFrom } : {}),
        ...received,
      },
    });
  });
  stores.attachments.onChange((recordId, attachmentId, change) => {
    // Recognised text is derived from the file, which is unchanged: nothing for custody.
    if (change.kind === 'text') return;
    note(
      change.kind === 'added'
        ? {
            action: 'attachment.added',
            record: recordId,
            attachment: attachmentId,
            detail: { sha256: change.sha256, size: change.size },
          }
        : { action: 'attachment.deleted', record: recordId, attachment: attachmentId },
    );
  });
}

/** What an unlock with these credentials logs; null for a passphrase unlock the volume skips. */
export function unlockFact(
  credentials: Credentials,
  logPassphraseUnlock: boolean,
): CustodyFact | null {
  if ('passphrase' in credentials)
    return logPassphraseUnlock
      ? { action: 'vault.unlocked', detail: { with: 'passphrase' } }
      : null;
  return 'recoveryKey' in credentials
    ? { action: 'recovery.used', detail: { with: 'recovery key' } }
    : { action: 'recovery.used', detail: { with: 'shares', shares: credentials.shares.length } };
}
