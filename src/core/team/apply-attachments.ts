import type { Vault } from '../vault/vault';
import { readChunks } from './attachment-chunks';
import type { TeamAttachment, TeamDetach } from './changeset-format';
import { NotApplied } from './not-applied';
import { dropAttachments } from './publish-attachments';
import type { RecordState, TeamState } from './team-state';

/* The attachments' part of applying a change set (apply.ts; docs/team.md, "Attachments"). */

/**
 * Notes the change set's attachments on their records (team key and chunk names) and returns
 * those to ingest: not held yet, of a record shown here. A record the team does not know yet
 * makes the change set wait; one deleted here takes no attachment.
 */
export function noteAttachments(
  vault: Vault,
  state: TeamState,
  attachments: TeamAttachment[],
  touched: Map<string, RecordState>,
): TeamAttachment[] {
  const toIngest: TeamAttachment[] = [];
  for (const attachment of attachments) {
    const record = touched.get(attachment.record) ?? state.record(attachment.record);
    if (!record) throw new NotApplied('waiting', 'record-missing');
    if (record.localHead === null) continue;
    const known = record.attachments ?? [];
    if (known.some((a) => a.id === attachment.id)) continue;
    // Detached by a member already (that change set came first): it stays detached.
    if (record.detached?.includes(attachment.id)) continue;
    record.attachments = [...known, attachment];
    state.putRecord(record);
    touched.set(record.recordId, record);
    if (!vault.attachments.has(attachment.id)) toIngest.push(attachment);
  }
  return toIngest;
}

/**
 * Detaches the attachments a member detached: the team entry and key are dropped, the id kept
 * (so the change set that added it, arriving later, adds nothing), and the local attachment
 * deleted as a local detach does (row and key now, blob after the commit; custody
 * `attachment.deleted`). A record the team does not know yet makes the change set wait.
 */
export function applyDetached(
  vault: Vault,
  state: TeamState,
  detached: TeamDetach[],
  touched: Map<string, RecordState>,
  afterCommit: (() => void)[],
): void {
  for (const ref of detached) {
    const record = touched.get(ref.record) ?? state.record(ref.record);
    if (!record) throw new NotApplied('waiting', 'record-missing');
    if (record.localHead === null || record.detached?.includes(ref.id)) continue;
    const held = record.attachments?.some((a) => a.id === ref.id) ?? false;
    dropAttachments(record, [ref.id]);
    state.putRecord(record);
    touched.set(record.recordId, record);
    // Only a file the team gave this record: an id naming another record's file changes nothing.
    if (held && vault.attachments.has(ref.id))
      afterCommit.push(vault.attachments.detachInTransaction(ref.id));
  }
}

/** Streams each attachment out of its chunk files into the vault (checked by size and hash). */
export async function ingestAll(
  vault: Vault,
  folder: string,
  attachments: TeamAttachment[],
  ingested: string[],
): Promise<void> {
  for (const attachment of attachments) {
    ingested.push(attachment.id);
    await vault.attachments.attachStream(attachment.record, readChunks(folder, attachment), {
      id: attachment.id,
      name: attachment.name,
      mime: attachment.mime,
      modifiedAt: attachment.modifiedAt,
      description: attachment.description,
      expectedSha256: attachment.sha256,
      expectedSize: attachment.size,
    });
  }
}
