import { VaultError } from '../../shared/errors';
import type { Provenance, TestimonyFields } from '../../shared/records/types';
import { validateFields } from '../../shared/records/validate';
import type { Vault } from '../vault/vault';
import { applyDetached, ingestAll, noteAttachments } from './apply-attachments';
import { ChunkInvalid, ChunkNotReady, chunksPresent, layoutValid } from './attachment-chunks';
import type { TeamAttachment } from './changeset-format';
import type { DecodedChangeSet } from './changeset-reader';
import { NotApplied } from './not-applied';
import { attachmentDetail } from './publish-attachments';
import { headsOf, shownHead } from './heads';
import { type MembershipChain, fingerprintOfString } from './membership';
import type { FileStatus, RecordState, TeamState } from './team-state';

export interface ApplyOutcome {
  status: FileStatus;
  reason: string | null;
}

/** Erases the content of a deleted record's revisions (TeamState.shredRevision). */
export function eraseContents(state: TeamState, record: RecordState): void {
  for (const revision of record.revisions) {
    const stored = revision.deleted ? null : state.revision(revision.id);
    if (stored) state.shredRevision(record.recordId, revision, stored.author);
  }
  // The attachments' team keys go with them (the blobs go with the local record).
  delete record.attachments;
}

/**
 * Makes the local record show its team head (one head, or the one every member shows among
 * several): a new record, a new local revision, or the record deleted and the team's copies
 * of its revisions erased when every head is a tombstone. Inside the caller's transaction;
 * queues what must run after the commit.
 */
export function showHead(
  vault: Vault,
  state: TeamState,
  record: RecordState,
  chain: MembershipChain,
  changeSetId: string,
  afterCommit: (() => void)[],
): void {
  const head = shownHead(headsOf(record.revisions));
  if (head.id === record.shown) return state.putRecord(record);
  record.shown = head.id;
  if (head.deleted) {
    const { afterCommit: then } = vault.writeTeamHead(record.recordId, null, null);
    afterCommit.push(then);
    // Only the ids (and links) stay, so that a replayed change set cannot bring it back.
    eraseContents(state, record);
    record.localHead = null;
    return state.putRecord(record);
  }
  const content = state.revision(head.id);
  if (!content?.fields || !content.createdAt)
    throw new NotApplied('rejected', 'revision-content-missing');
  const me = vault.identity.fingerprint();
  const author = chain.members(chain.length).find((m) => m.fingerprint === content.author);
  const provenance: Provenance | null =
    content.author === me
      ? null
      : {
          partner: author?.name ?? content.author,
          senderFingerprint: content.author,
          bundleId: changeSetId,
          receivedAt: new Date().toISOString(),
        };
  const written = vault.writeTeamHead(
    record.recordId,
    {
      fields: validateFields(content.fields) satisfies TestimonyFields,
      createdAt: content.createdAt,
      updatedAt: content.updatedAt,
    },
    provenance,
  );
  afterCommit.push(written.afterCommit);
  record.localHead = written.localHead;
  state.putRecord(record);
}

function applyInTransaction(
  vault: Vault,
  state: TeamState,
  name: string,
  decoded: DecodedChangeSet,
  afterCommit: (() => void)[],
): TeamAttachment[] {
  const config = state.requireConfig();
  const { manifest, changes, authorFingerprint: author } = decoded;
  if (manifest.team !== config.teamId) throw new NotApplied('rejected', 'wrong-team');
  const chain = state.chain();
  const startedEmpty = chain.length === 0;
  for (const event of changes.events) {
    if (event.seq > chain.length + 1) throw new NotApplied('waiting', 'membership-events-missing');
    const known = event.seq <= chain.length;
    const problem = chain.extend(event);
    if (problem) throw new NotApplied('rejected', problem);
    if (!known) state.tables.appendEvent(event.seq, event);
  }
  if (chain.length < manifest.epoch) throw new NotApplied('waiting', 'membership-events-missing');
  if (startedEmpty && config.inviter !== null) {
    // A joiner believes a history only if the inviter it compared fingerprints with added it.
    const me = vault.identity.fingerprint();
    const inviter = fingerprintOfString(config.inviter);
    const invited = [...Array(chain.length).keys()]
      .map((i) => chain.event(i + 1)!)
      .some(
        (e) =>
          e.type === 'add' &&
          fingerprintOfString(e.member) === me &&
          fingerprintOfString(e.by) === inviter,
      );
    if (!invited || !chain.isMember(me)) throw new NotApplied('rejected', 'not-invited');
  }
  if (!chain.isMember(author, manifest.epoch)) throw new NotApplied('rejected', 'not-a-member');
  const cutoff = chain.cutoffOf(author);
  if (cutoff !== null && manifest.seq > cutoff) throw new NotApplied('rejected', 'after-removal');
  const prior = state.authorSeq(author, manifest.seq);
  if (prior) {
    throw prior.changeSetId === manifest.changeSetId
      ? new NotApplied('replay', 'replay')
      : new NotApplied('rejected', 'seq-reused');
  }

  const touched = new Map<string, RecordState>();
  for (const revision of changes.revisions) {
    const record = touched.get(revision.record) ??
      state.record(revision.record) ?? {
        recordId: revision.record,
        revisions: [],
        localHead: null,
        shown: null,
      };
    if (record.revisions.some((r) => r.id === revision.id)) continue;
    const known = new Set(record.revisions.map((r) => r.id));
    if (!revision.parents.every((p) => known.has(p)))
      throw new NotApplied('waiting', 'parents-missing');
    record.revisions.push({
      id: revision.id,
      parents: revision.parents,
      deleted: revision.deleted,
      updatedAt: revision.updatedAt,
    });
    state.putRevision({ ...revision, author });
    touched.set(record.recordId, record);
  }
  for (const record of touched.values())
    showHead(vault, state, record, chain, manifest.changeSetId, afterCommit);
  const attachments = changes.attachments ?? [];
  const toIngest = noteAttachments(vault, state, attachments, touched);
  const detached = changes.detached ?? [];
  applyDetached(vault, state, detached, touched, afterCommit);
  state.noteAuthorSeq(author, manifest.seq, manifest.changeSetId);
  state.putFile(name, { status: 'applied', reason: null });
  vault.noteCustody({
    action: 'team.changeset.applied',
    records: [...touched.keys()],
    detail: {
      file: name,
      changeSet: manifest.changeSetId,
      from: author,
      seq: manifest.seq,
      revisions: changes.revisions.length,
      events: changes.events.length,
      // The files' SHA-256 in the order of their ids (also in each attachment.added entry).
      ...attachmentDetail(attachments, detached),
    },
  });
  return toIngest;
}

/** What an error while applying means for the change set, or null when it is not ours. */
function refusalOf(error: unknown): NotApplied | null {
  if (error instanceof NotApplied) return error;
  if (error instanceof ChunkNotReady) return new NotApplied('waiting', error.message);
  if (error instanceof ChunkInvalid) return new NotApplied('rejected', 'attachment-invalid');
  if (error instanceof VaultError && error.code === 'INTEGRITY.FAILED')
    return new NotApplied('rejected', 'attachment-invalid');
  if (error instanceof VaultError && error.code === 'INPUT.INVALID')
    return new NotApplied('rejected', 'invalid-record');
  return null;
}

/**
 * Applies one verified change set, all or nothing, in one transaction: membership events,
 * then revisions, then each touched record's local copy, its attachments (streamed out of
 * their chunk files, docs/team.md "Attachments"), the file's and author's bookkeeping and a
 * custody entry. A change set that cannot be applied writes only its status (and, when it is
 * refused for good, a custody entry with the reason); blobs of a rolled-back one are removed.
 */
export async function applyChangeSet(
  vault: Vault,
  state: TeamState,
  name: string,
  decoded: DecodedChangeSet,
): Promise<ApplyOutcome> {
  const afterCommit: (() => void)[] = [];
  const ingested: string[] = [];
  const attachments = decoded.changes.attachments ?? [];
  try {
    if (attachments.length === 0) {
      vault.transaction(() => applyInTransaction(vault, state, name, decoded, afterCommit));
    } else {
      const folder = state.requireConfig().folder;
      if (!attachments.every(layoutValid)) throw new NotApplied('rejected', 'attachment-invalid');
      for (const attachment of attachments)
        if (!vault.attachments.has(attachment.id) && !(await chunksPresent(folder, attachment)))
          throw new NotApplied('waiting', 'chunks-missing');
      await vault.transactionAcrossAwaits(async () => {
        const toIngest = applyInTransaction(vault, state, name, decoded, afterCommit);
        await ingestAll(vault, folder, toIngest, ingested);
      });
    }
  } catch (error) {
    vault.attachments.discardUncommitted(ingested);
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    noteRefusal(vault, state, name, refusal.status, refusal.reason, {
      changeSet: decoded.manifest.changeSetId,
      from: decoded.authorFingerprint,
    });
    return { status: refusal.status, reason: refusal.reason };
  }
  for (const then of afterCommit) then();
  return { status: 'applied', reason: null };
}

/**
 * A file's status; refusals for good also go to the custody log. Waits and change sets for
 * others (a new member finds the team's whole past) are counted in `team.synced` instead.
 */
export function noteRefusal(
  vault: Vault,
  state: TeamState,
  name: string,
  status: Exclude<FileStatus, 'applied'>,
  reason: string,
  detail: Record<string, string> = {},
): void {
  vault.transaction(() => {
    state.putFile(name, { status, reason });
    if (status === 'waiting' || status === 'not-addressed') return;
    vault.noteCustody({
      action: 'team.changeset.rejected',
      detail: { file: name, status, reason, ...detail },
    });
  });
}
