import type { TestimonyFields, TestimonyRecord } from '../../shared/records/types';
import { emptyFields } from '../../shared/records/types';
import { newId } from '../ids';
import { parseIdentity } from '../identity/public-identity';
import type { Vault } from '../vault/vault';
import { SPLIT_ATTACHMENTS, SPLIT_REVISIONS, type TeamRevision } from './changeset-format';
import { encodeChangeSet, publishChangeSet } from './changeset-writer';
import { eraseContents } from './apply';
import { headsOf } from './heads';
import {
  attachmentDetail,
  attachmentsToSend,
  collectDetached,
  collectNewAttachments,
} from './publish-attachments';
import type {
  AttachmentRef,
  OutboxPart,
  RecordState,
  StoredRevision,
  TeamState,
} from './team-state';

function fieldsOf(record: TestimonyRecord): TestimonyFields {
  const fields = emptyFields() as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields))
    fields[key] = (record as unknown as Record<string, unknown>)[key];
  return fields as unknown as TestimonyFields;
}

/**
 * Queues change sets for these revisions and attachments (split in parts), inside the
 * caller's transaction.
 */
export function queueParts(
  vault: Vault,
  state: TeamState,
  revisions: string[],
  events: number[] = [],
  attachments: AttachmentRef[] = [],
  detached: AttachmentRef[] = [],
): void {
  const config = state.requireConfig();
  const epoch = state.chain().length;
  const parts: OutboxPart[] = [];
  // Attachments start in the last part with revisions and go on in parts of their own, so
  // each comes with or after its record's revisions: no part waits for a later one (the first
  // part carries the membership events every later part waits for).
  const revisionParts = Math.max(1, Math.ceil(revisions.length / SPLIT_REVISIONS));
  const attachmentParts = Math.ceil(attachments.length / SPLIT_ATTACHMENTS);
  const count = revisionParts + Math.max(0, attachmentParts - 1);
  for (let index = 0; index < count; index++) {
    const i = index * SPLIT_REVISIONS;
    const from = (index - (revisionParts - 1)) * SPLIT_ATTACHMENTS;
    const own = from < 0 ? [] : attachments.slice(from, from + SPLIT_ATTACHMENTS);
    config.seq += 1;
    const part: OutboxPart = {
      changeSetId: newId(),
      seq: config.seq,
      epoch,
      createdAt: new Date().toISOString(),
      events: i === 0 ? events : [],
      revisions: revisions.slice(i, i + SPLIT_REVISIONS),
      ...(own.length > 0 ? { attachments: own } : {}),
      // Detaches go last: by then every receiver can know their records.
      ...(index === count - 1 && detached.length > 0 ? { detached } : {}),
      alsoTo: [],
    };
    state.noteAuthorSeq(vault.identity.fingerprint(), part.seq, part.changeSetId);
    parts.push(part);
  }
  state.setConfig(config);
  state.setOutbox([...state.outbox(), ...parts]);
}

/** A new team revision written here, stored and added to its record's state. */
export function addOwnRevision(
  vault: Vault,
  state: TeamState,
  record: RecordState,
  revision: TeamRevision,
): void {
  state.putRevision({ ...revision, author: vault.identity.fingerprint() });
  record.revisions.push({
    id: revision.id,
    parents: revision.parents,
    deleted: revision.deleted,
    updatedAt: revision.updatedAt,
  });
  record.shown = revision.id;
}

/**
 * Turns the local changes since the last sync into team revisions and queues them (docs/team.md,
 * "Publishing"), in one transaction: a record shared for the first time (consent given), an
 * edit (parents: the current heads), a deleted record (a tombstone), then the attachments
 * detached from records that stay and the new ones. Returns how many.
 */
export function collectLocalChanges(vault: Vault, state: TeamState): number {
  return vault.transaction(() => {
    const chain = state.chain();
    if (!chain.isMember(vault.identity.fingerprint())) return 0;
    const known = new Map(state.records().map((r) => [r.recordId, r]));
    const written: string[] = [];
    const now = new Date().toISOString();
    const present = new Set<string>();
    for (const summary of vault.records.list()) {
      present.add(summary.id);
      const record = known.get(summary.id);
      if (!record && summary.consent.status !== 'given') continue;
      if (record && record.localHead !== null && summary.revision <= record.localHead) continue;
      const full = vault.records.get(summary.id);
      const state0 = record ?? {
        recordId: summary.id,
        revisions: [],
        localHead: null,
        shown: null,
      };
      const revision: TeamRevision = {
        id: newId(),
        record: summary.id,
        parents: headsOf(state0.revisions).map((h) => h.id),
        deleted: false,
        fields: fieldsOf(full) as unknown as Record<string, unknown>,
        createdAt: full.createdAt,
        updatedAt: full.updatedAt,
      };
      addOwnRevision(vault, state, state0, revision);
      state0.localHead = full.revision;
      state.putRecord(state0);
      known.set(summary.id, state0);
      written.push(revision.id);
    }
    for (const record of known.values()) {
      if (record.localHead === null || present.has(record.recordId)) continue;
      const revision: TeamRevision = {
        id: newId(),
        record: record.recordId,
        parents: headsOf(record.revisions).map((h) => h.id),
        deleted: true,
        updatedAt: now,
      };
      addOwnRevision(vault, state, record, revision);
      eraseContents(state, record);
      record.localHead = null;
      state.putRecord(record);
      written.push(revision.id);
    }
    const local = vault.attachments.idsByRecord();
    const detached = collectDetached(state, known.values(), local);
    const attachments = collectNewAttachments(vault, state, known.values(), local);
    const count = written.length + attachments.length + detached.length;
    if (count > 0) queueParts(vault, state, written, [], attachments, detached);
    return count;
  });
}

function asWritten(revision: StoredRevision): TeamRevision {
  const { author: _author, ...rest } = revision;
  return rest;
}

/**
 * Writes every queued change set to the team folder, then marks it written (a crash between
 * the two writes it again at the next sync: same id and number, a replay for the others). One
 * whose attachments' chunks are not written yet stays queued (publish-attachments.ts).
 */
export function writeOutbox(vault: Vault, state: TeamState): string[] {
  const config = state.requireConfig();
  const names: string[] = [];
  for (const part of state.outbox()) {
    const attachments = attachmentsToSend(vault, state, part.attachments ?? []);
    if (attachments === false) continue;
    const chain = state.chain();
    const recipients = [...chain.members(part.epoch).map((m) => m.identity), ...part.alsoTo].map(
      (identity) => parseIdentity(identity).boxKey,
    );
    const revisions = part.revisions
      .map((id) => state.revision(id))
      .filter((r): r is StoredRevision => r !== null)
      .map(asWritten);
    const bytes = encodeChangeSet({
      recipients,
      signer: {
        identity: vault.identity.identityString(),
        sign: (message) => vault.identity.sign(message),
      },
      meta: {
        team: config.teamId,
        changeSetId: part.changeSetId,
        seq: part.seq,
        epoch: part.epoch,
        createdAt: part.createdAt,
      },
      changes: {
        events: part.events.map((seq) => chain.event(seq)!),
        revisions,
        ...(attachments.length > 0 ? { attachments } : {}),
        ...(part.detached?.length ? { detached: part.detached } : {}),
      },
    });
    const name = publishChangeSet(config.folder, bytes);
    vault.transaction(() => {
      state.putFile(name, { status: 'applied', reason: null });
      state.setOutbox(state.outbox().filter((p) => p.changeSetId !== part.changeSetId));
      vault.noteCustody({
        action: 'team.changeset.published',
        records: [
          ...new Set([...revisions, ...attachments, ...(part.detached ?? [])].map((r) => r.record)),
        ],
        detail: {
          file: name,
          changeSet: part.changeSetId,
          seq: part.seq,
          revisions: revisions.length,
          events: part.events.length,
          // The files' SHA-256 in the order of their ids (also in each attachment.added entry).
          ...attachmentDetail(attachments, part.detached),
          size: bytes.length,
        },
      });
    });
    names.push(name);
  }
  return names;
}
