import { randomBytes } from '../crypto/sodium';
import type { Vault } from '../vault/vault';
import { writeChunks } from './attachment-chunks';
import { type TeamAttachment, paddedLength } from './changeset-format';
import type { AttachmentRef, RecordState, TeamState } from './team-state';

/**
 * The local attachments of shared records that the team does not know yet become team
 * attachments, each with a fresh team key; their chunks are written later (writePendingChunks).
 * Inside the caller's transaction; `records` are the team's records as the caller left them.
 */
export function collectNewAttachments(
  vault: Vault,
  state: TeamState,
  records: Iterable<RecordState>,
  local: Map<string, string[]>,
): AttachmentRef[] {
  if (local.size === 0) return [];
  const queued: AttachmentRef[] = [];
  for (const record of records) {
    if (record.localHead === null) continue;
    const ids = local.get(record.recordId);
    if (!ids) continue;
    const known = new Set((record.attachments ?? []).map((a) => a.id));
    const added: TeamAttachment[] = [];
    for (const id of ids) {
      if (known.has(id)) continue;
      const info = vault.attachments.get(id);
      added.push({
        id,
        record: record.recordId,
        key: Buffer.from(randomBytes(32)).toString('hex'),
        name: info.name,
        mime: info.mime,
        description: info.description,
        modifiedAt: info.modifiedAt,
        size: info.size,
        sha256: info.sha256,
        padded: paddedLength(info.size),
        chunks: [],
      });
      queued.push({ record: record.recordId, id });
    }
    if (added.length === 0) continue;
    record.attachments = [...(record.attachments ?? []), ...added];
    state.putRecord(record);
  }
  return queued;
}

/**
 * The team attachments of shared records that stay but are no longer held here: detached since
 * the last sync. Each entry (and its team key) is dropped, its id kept as detached, and it is
 * returned to be published. Inside the caller's transaction, before collectNewAttachments.
 */
export function collectDetached(
  state: TeamState,
  records: Iterable<RecordState>,
  local: Map<string, string[]>,
): AttachmentRef[] {
  const detached: AttachmentRef[] = [];
  for (const record of records) {
    if (record.localHead === null || !record.attachments?.length) continue;
    const held = new Set(local.get(record.recordId) ?? []);
    const gone = record.attachments.filter((a) => !held.has(a.id));
    if (gone.length === 0) continue;
    dropAttachments(
      record,
      gone.map((a) => a.id),
    );
    state.putRecord(record);
    detached.push(...gone.map((a) => ({ record: record.recordId, id: a.id })));
  }
  return detached;
}

/** Forgets these attachments' entries (team keys included), keeping their ids as detached. */
export function dropAttachments(record: RecordState, ids: string[]): void {
  const gone = new Set(ids);
  record.attachments = (record.attachments ?? []).filter((a) => !gone.has(a.id));
  if (record.attachments.length === 0) delete record.attachments;
  record.detached = [...new Set([...(record.detached ?? []), ...ids])];
}

/**
 * Writes the chunk files of every queued attachment whose chunks are not written yet, one
 * attachment at a time, streaming from the vault, and notes their names. A crash in between
 * writes the same files again (same key, same bytes). An attachment no longer held here
 * (detached, or its record deleted) is left out of its change set when that is written.
 */
export async function writePendingChunks(vault: Vault, state: TeamState): Promise<number> {
  const folder = state.requireConfig().folder;
  let written = 0;
  for (const part of state.outbox()) {
    for (const ref of part.attachments ?? []) {
      const entry = state.attachment(ref);
      if (!entry || entry.chunks.length > 0 || !vault.attachments.has(ref.id)) continue;
      const chunks = await writeChunks(folder, entry, vault.attachments.readStream(ref.id));
      vault.transaction(() => {
        const record = state.record(ref.record);
        const stored = record?.attachments?.find((a) => a.id === ref.id);
        if (!record || !stored) return;
        stored.chunks = chunks;
        state.putRecord(record);
      });
      written += chunks.length;
    }
  }
  return written;
}

/**
 * The attachments a queued change set carries now: those with their chunks written. False
 * when one of them still needs its chunks (written by the next `team sync`).
 */
export function attachmentsToSend(
  vault: Vault,
  state: TeamState,
  refs: AttachmentRef[],
): TeamAttachment[] | false {
  const entries: TeamAttachment[] = [];
  for (const ref of refs) {
    const entry = state.attachment(ref);
    if (!entry) continue; // its record was deleted: nothing to send
    if (entry.chunks.length === 0) {
      if (vault.attachments.has(ref.id)) return false;
      continue; // detached before its chunks were written
    }
    entries.push(entry);
  }
  return entries;
}

/** A custody entry's account of the attachments a change set carries (none: nothing). */
export function attachmentDetail(
  attachments: TeamAttachment[],
  detached: AttachmentRef[] = [],
): Record<string, string[]> {
  return {
    ...(attachments.length > 0
      ? {
          attachments: attachments.map((a) => a.id),
          attachmentSha256: attachments.map((a) => a.sha256),
        }
      : {}),
    ...(detached.length > 0 ? { detached: detached.map((d) => d.id) } : {}),
  };
}
