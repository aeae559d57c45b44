import { InvalidInputError } from '../../shared/errors';
import { validateFields } from '../../shared/records/validate';
import type { TestimonyFields } from '../../shared/records/types';
import type { Vault } from '../vault/vault';
import { headsOf } from './heads';
import { listConflicts, teamMembers } from './team';

/**
 * Read-only views of the team state for the app (docs/team.md, "In the app"): what the Team
 * screen shows, and the two (or more) heads of one conflict with their whole content, so a
 * person can compare them side by side before choosing. Nothing here changes the vault.
 */

export interface TeamOverview {
  teamId: string;
  /** Null until the first sync of a joiner has read the membership chain. */
  name: string | null;
  folder: string;
  members: { name: string; fingerprint: string; me: boolean }[];
  /** Change sets in the folder waiting for what they need (parents, chunks, membership). */
  waiting: number;
  /** Change sets decided here and not yet written to the folder. */
  unpublished: number;
  conflicts: number;
}

/** The team's state for the Team screen; null when this vault is in no team. */
export function teamOverview(vault: Vault): TeamOverview | null {
  const state = vault.team;
  if (!state.config()) return null;
  const view = teamMembers(vault);
  const files = state.tables.all<{ status: string }>('team_files');
  return {
    teamId: view.teamId,
    name: view.name,
    folder: view.folder,
    members: view.members.map((m) => ({
      name: m.name,
      fingerprint: m.fingerprint,
      me: m.fingerprint === view.me,
    })),
    waiting: files.filter((f) => f.status === 'waiting').length,
    unpublished: state.outbox().length,
    conflicts: listConflicts(vault).length,
  };
}

export interface ConflictHead {
  revision: string;
  deleted: boolean;
  updatedAt: string;
  /** The author's fingerprint and, when still known, their member name. */
  author: string | null;
  authorName: string | null;
  /** The record's fields as this head has them; null for a deletion. */
  fields: TestimonyFields | null;
  /** The head the vault shows meanwhile. */
  shown: boolean;
}

/** The heads of one record in conflict, with their content; INPUT.INVALID when none. */
export function conflictHeads(vault: Vault, recordId: string): ConflictHead[] {
  const state = vault.team;
  state.requireConfig();
  const record = state.record(recordId);
  const heads = record ? headsOf(record.revisions) : [];
  if (!record || heads.length < 2)
    throw new InvalidInputError(`Record ${recordId} has no team conflict.`, { id: recordId });
  const names = new Map(
    state
      .chain()
      .members()
      .map((m) => [m.fingerprint, m.name]),
  );
  return [...heads]
    .sort((x, y) => x.id.localeCompare(y.id))
    .map((head) => {
      const stored = state.revision(head.id);
      const author = stored?.author ?? null;
      return {
        revision: head.id,
        deleted: head.deleted,
        updatedAt: head.updatedAt,
        author,
        authorName: author ? (names.get(author) ?? null) : null,
        fields: !head.deleted && stored?.fields ? validateFields(stored.fields) : null,
        shown: record.shown === head.id,
      };
    });
}
