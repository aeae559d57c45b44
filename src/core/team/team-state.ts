import type { VaultScope } from '../storage/scope';
import type { TeamAttachment, TeamRevision } from './changeset-format';
import { TeamNotFoundError } from './errors';
import type { RevisionMeta } from './heads';
import { MembershipChain, type SignedEvent } from './membership';
import { TeamTables } from './team-tables';

/** This vault's part in its team (team_state 'config'). */
export interface TeamConfig {
  v: 1;
  teamId: string;
  folder: string;
  joinedAt: string;
  /** For a joiner: the inviter's identity, whose signature must add us. Null for the creator. */
  inviter: string | null;
  /** The number of this vault's last change set (one counter per author). */
  seq: number;
}

/** One record as the team knows it (team_records). */
export interface RecordState {
  recordId: string;
  revisions: RevisionMeta[];
  /** The local record's head revision number when last in step with the team; null: deleted. */
  localHead: number | null;
  /** The team revision the local record shows. */
  shown: string | null;
  /**
   * Its attachments as the team knows them (docs/team.md, "Attachments"): metadata, team key
   * and chunk names (none yet: an own attachment whose chunks are not written). Dropped, keys
   * and all, when the record is deleted.
   */
  attachments?: TeamAttachment[];
  /**
   * Ids of its attachments detached by a member (here or received): the entry and its team key
   * are gone, the id stays so that the attachment's change set, seen late, does not add it again.
   */
  detached?: string[];
}

/** An attachment a queued change set carries. */
export interface AttachmentRef {
  record: string;
  id: string;
}

/** A revision's content, as received or written here (team_revisions); gone once shredded. */
export type StoredRevision = TeamRevision & { author: string };

export type FileStatus = 'applied' | 'waiting' | 'rejected' | 'not-addressed' | 'replay';

/** A change set file seen in the folder (team_files, by file name). */
export interface FileState {
  status: FileStatus;
  reason: string | null;
}

/** A change set decided but not yet written to the folder (team_state 'outbox'). */
export interface OutboxPart {
  changeSetId: string;
  seq: number;
  epoch: number;
  createdAt: string;
  /** Membership events it carries (their seq numbers, 1-based). */
  events: number[];
  revisions: string[];
  attachments?: AttachmentRef[];
  /** Attachments detached here from records that stay. */
  detached?: AttachmentRef[];
  /** Extra recipients (an invitation is readable by the invited member). */
  alsoTo: string[];
}

/** Typed access to the team tables of one unlocked vault. */
export class TeamState {
  readonly tables: TeamTables;

  constructor(scope: VaultScope) {
    this.tables = new TeamTables(scope);
  }

  config(): TeamConfig | null {
    return this.tables.get<TeamConfig>('team_state', 'config');
  }

  requireConfig(): TeamConfig {
    const config = this.config();
    if (!config) throw new TeamNotFoundError();
    return config;
  }

  setConfig(config: TeamConfig): void {
    this.tables.put('team_state', 'config', config);
  }

  chain(): MembershipChain {
    return new MembershipChain(this.tables.events<SignedEvent>());
  }

  outbox(): OutboxPart[] {
    return this.tables.get<OutboxPart[]>('team_state', 'outbox') ?? [];
  }

  setOutbox(parts: OutboxPart[]): void {
    if (parts.length === 0) this.tables.delete('team_state', 'outbox');
    else this.tables.put('team_state', 'outbox', parts);
  }

  record(recordId: string): RecordState | null {
    return this.tables.get<RecordState>('team_records', recordId);
  }

  records(): RecordState[] {
    return this.tables.all<RecordState>('team_records');
  }

  /** A record's attachment as the team knows it. */
  attachment(ref: AttachmentRef): TeamAttachment | null {
    return this.record(ref.record)?.attachments?.find((a) => a.id === ref.id) ?? null;
  }

  putRecord(state: RecordState): void {
    this.tables.put('team_records', state.recordId, state);
  }

  revision(id: string): StoredRevision | null {
    return this.tables.get<StoredRevision>('team_revisions', id);
  }

  putRevision(revision: StoredRevision): void {
    this.tables.put('team_revisions', revision.id, revision);
  }

  /**
   * Erases a revision's content (its record was deleted), keeping what the history needs: its
   * id, record, parents and time, as a tombstone-shaped row. An invitation can then still carry
   * the ancestors of a record edited back to life; an ancestor is never a head, so its flag
   * changes nothing anyone shows.
   */
  shredRevision(recordId: string, meta: RevisionMeta, author: string): void {
    this.putRevision({
      id: meta.id,
      record: recordId,
      parents: meta.parents,
      deleted: true,
      updatedAt: meta.updatedAt,
      author,
    });
  }

  file(name: string): FileState | null {
    return this.tables.get<FileState>('team_files', name);
  }

  putFile(name: string, state: FileState): void {
    this.tables.put('team_files', name, state);
  }

  /** The change set an author published under this number, if one was applied. */
  authorSeq(fingerprint: string, seq: number): { changeSetId: string } | null {
    return this.tables.get('team_authors', `${fingerprint}:${seq}`);
  }

  highestSeq(fingerprint: string): number {
    return this.tables.get<{ seq: number }>('team_authors', `max:${fingerprint}`)?.seq ?? 0;
  }

  noteAuthorSeq(fingerprint: string, seq: number, changeSetId: string): void {
    this.tables.put('team_authors', `${fingerprint}:${seq}`, { changeSetId });
    if (seq > this.highestSeq(fingerprint))
      this.tables.put('team_authors', `max:${fingerprint}`, { seq });
  }
}
