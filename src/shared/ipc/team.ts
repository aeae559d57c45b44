import type { SerializedError } from '../errors';
import type { TestimonyFields } from '../records/types';

/**
 * What the app's Team screen receives (docs/team.md, "In the app"): the team, the state of the
 * scheduled sync, the conflicts and, for one record, its heads side by side.
 */

/** The counts of one sync, as `tvault team sync --json` gives them. */
export interface TeamSyncCounts {
  /** Change sets written to the folder. */
  published: number;
  applied: number;
  /** Refused for good (bad signature, not a member, after removal…) or replays. */
  rejected: number;
  /** Applied once what they need arrives. */
  waiting: number;
  /** Change sets addressed to others (written before we joined, or after our removal). */
  notAddressed: number;
  /** Files not complete yet, and files that are not change sets. */
  incomplete: number;
  other: number;
}

/** How the last sync ended: its counts, or the typed error it failed with. */
export type TeamSyncOutcome =
  | { ok: true; at: string; counts: TeamSyncCounts }
  | { ok: false; at: string; error: SerializedError };

export interface TeamMemberView {
  name: string;
  fingerprint: string;
  /** This vault. */
  me: boolean;
}

export interface TeamView {
  teamId: string;
  /** Null until a joiner's first sync has read the membership chain. */
  name: string | null;
  folder: string;
  members: TeamMemberView[];
  /** Change sets in the folder waiting for what they need. */
  waiting: number;
  /** Change sets decided here, not yet written to the folder. */
  unpublished: number;
  conflicts: number;
}

export interface TeamStatusView {
  /** Null: this vault is in no team (the screen says how to set one up). */
  team: TeamView | null;
  syncing: boolean;
  /** The last sync since this unlock (one runs at unlock); null before it ends. */
  last: TeamSyncOutcome | null;
  /** Minutes between two syncs while unlocked (settings.teamSyncMinutes). */
  intervalMinutes: number;
}

/** One head of a record in conflict, as the conflict list shows it. */
export interface ConflictHeadSummary {
  revision: string;
  deleted: boolean;
  updatedAt: string;
  /** The member who wrote it (their name when still known, else their fingerprint). */
  author: string | null;
  authorName: string | null;
  title: string | null;
  /** The head the vault shows until someone chooses. */
  shown: boolean;
}

export interface TeamConflictView {
  recordId: string;
  heads: ConflictHeadSummary[];
}

/** A head with the record's whole content (null for a deletion). */
export interface ConflictHeadView extends Omit<ConflictHeadSummary, 'title'> {
  fields: TestimonyFields | null;
}

/** Pushed while a sync runs: started, then finished (its counts) or failed (its error). */
export type TeamSyncEvent =
  | { phase: 'started' }
  | { phase: 'finished'; outcome: Extract<TeamSyncOutcome, { ok: true }> }
  | { phase: 'failed'; outcome: Extract<TeamSyncOutcome, { ok: false }> };
