import { statSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { InvalidInputError } from '../../shared/errors';
import { FileIoError } from '../fs/errors';
import { newId } from '../ids';
import { InvalidIdentityError } from '../identity/errors';
import {
  fingerprintOf,
  formatIdentity,
  normaliseFingerprint,
  parseIdentity,
} from '../identity/public-identity';
import type { Vault } from '../vault/vault';
import { showHead } from './apply';
import { TeamExistsError } from './errors';
import { headsOf } from './heads';
import {
  type Member,
  type MemberEvent,
  ZERO_HASH,
  eventHash,
  signEvent,
  teamIdFor,
} from './membership';
import { addOwnRevision, queueParts, writeOutbox } from './publish';
import type { TeamConfig } from './team-state';

/** The team folder must exist and be a folder (the sync engine made it). */
function checkFolder(folder: string): string {
  const path = resolvePath(folder);
  try {
    if (!statSync(path).isDirectory())
      throw new InvalidInputError(`The team folder ${path} is not a folder.`, { path });
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw new FileIoError('Cannot use the team folder', path, error);
  }
  return path;
}

function refuseIfInTeam(vault: Vault): void {
  const config = vault.team.config();
  if (config) throw new TeamExistsError(config.teamId);
}

/** Signs and appends the next membership event, inside the caller's transaction. */
function appendEvent(
  vault: Vault,
  fields: Omit<MemberEvent, 'v' | 'seq' | 'prev' | 'by' | 'at' | 'team'> & { team?: string },
): number {
  const chain = vault.team.chain();
  const last = chain.event(chain.length);
  const event = signEvent(
    {
      v: 1,
      team: fields.team ?? chain.teamId!,
      seq: chain.length + 1,
      prev: last ? eventHash(last) : ZERO_HASH,
      by: vault.identity.identityString(),
      at: new Date().toISOString(),
      ...fields,
    },
    (message) => vault.identity.sign(message),
  );
  const problem = chain.extend(event);
  if (problem) throw new InvalidInputError(`The membership change is not valid (${problem}).`);
  vault.team.tables.appendEvent(event.seq, event);
  return event.seq;
}

/** `tvault team init NAME --folder DIR`: a new team with this vault as its first member. */
export function initTeam(
  vault: Vault,
  args: { name: string; folder: string; memberName?: string },
): TeamConfig {
  refuseIfInTeam(vault);
  const folder = checkFolder(args.folder);
  const nonce = newId();
  const teamId = teamIdFor(vault.identity.publicIdentity().signingKey, nonce);
  const config: TeamConfig = {
    v: 1,
    teamId,
    folder,
    joinedAt: new Date().toISOString(),
    inviter: null,
    seq: 0,
  };
  vault.transaction(() => {
    vault.team.setConfig(config);
    const seq = appendEvent(vault, {
      team: teamId,
      type: 'create',
      member: vault.identity.identityString(),
      name: args.memberName ?? 'creator',
      teamName: args.name,
      nonce,
    });
    queueParts(vault, vault.team, [], [seq]);
    vault.noteCustody({ action: 'team.created', detail: { team: teamId } });
  });
  writeOutbox(vault, vault.team);
  return vault.team.requireConfig();
}

function parseMember(text: string): string {
  try {
    return formatIdentity(parseIdentity(text));
  } catch (error) {
    if (error instanceof InvalidIdentityError) throw error;
    throw error;
  }
}

/**
 * `tvault team invite IDENTITY --name NAME`: a signed add event and an invitation change set
 * for every member and the new one, carrying the membership chain, every shared revision and attachment.
 */
export function inviteMember(
  vault: Vault,
  args: { identity: string; name: string },
): { fingerprint: string; files: string[] } {
  const state = vault.team;
  state.requireConfig();
  const identity = parseMember(args.identity);
  const fingerprint = fingerprintOf(parseIdentity(identity));
  vault.transaction(() => {
    const seq = appendEvent(vault, { type: 'add', member: identity, name: args.name });
    const shared = state.records().filter((r) => r.localHead !== null);
    queueParts(
      vault,
      state,
      shared.flatMap((r) => r.revisions.map((rev) => rev.id)),
      [...Array(seq).keys()].map((i) => i + 1),
      // Their chunks are in the folder already: the invitation carries names and keys.
      shared.flatMap((r) => (r.attachments ?? []).map((a) => ({ record: r.recordId, id: a.id }))),
    );
    vault.noteCustody({ action: 'team.member.added', detail: { member: fingerprint, seq } });
  });
  return { fingerprint, files: writeOutbox(vault, state) };
}

/** Finds a current member by identity string or fingerprint. */
function findMember(vault: Vault, who: string): Member {
  const members = vault.team.chain().members();
  const print = normaliseFingerprint(who);
  let target: string | null = print;
  if (!target) {
    try {
      target = fingerprintOf(parseIdentity(who));
    } catch (error) {
      if (!(error instanceof InvalidIdentityError)) throw error;
    }
  }
  const member = members.find((m) => m.fingerprint === target);
  if (!member) throw new InvalidInputError('No current member has this identity or fingerprint.');
  return member;
}

/** `tvault team remove IDENTITY|FINGERPRINT`: a signed remove event; later change sets skip them. */
export function removeMember(vault: Vault, who: string): { fingerprint: string; files: string[] } {
  const state = vault.team;
  state.requireConfig();
  const member = findMember(vault, who);
  if (member.fingerprint === vault.identity.fingerprint())
    throw new InvalidInputError('A member cannot remove itself; ask another member.');
  vault.transaction(() => {
    const seq = appendEvent(vault, {
      type: 'remove',
      member: member.identity,
      name: member.name,
      cutoff: state.highestSeq(member.fingerprint),
    });
    queueParts(vault, state, [], [seq]);
    vault.noteCustody({
      action: 'team.member.removed',
      detail: { member: member.fingerprint, seq },
    });
  });
  return { fingerprint: member.fingerprint, files: writeOutbox(vault, state) };
}

/**
 * `tvault team join TEAM_ID --inviter IDENTITY --folder DIR`: records the team; the first sync
 * reads the invitation (docs/team.md, "Joining and leaving").
 */
export function joinTeam(
  vault: Vault,
  args: { teamId: string; inviter: string; folder: string },
): TeamConfig {
  refuseIfInTeam(vault);
  if (!/^[0-9a-f]{32}$/.test(args.teamId))
    throw new InvalidInputError('A team id is 32 lower-case hex characters.');
  const inviter = parseMember(args.inviter);
  const folder = checkFolder(args.folder);
  const config: TeamConfig = {
    v: 1,
    teamId: args.teamId,
    folder,
    joinedAt: new Date().toISOString(),
    inviter,
    seq: 0,
  };
  vault.transaction(() => {
    vault.team.setConfig(config);
    vault.noteCustody({
      action: 'team.joined',
      detail: { team: args.teamId, inviter: fingerprintOf(parseIdentity(inviter)) },
    });
  });
  return config;
}

export interface TeamConflict {
  recordId: string;
  heads: {
    revision: string;
    deleted: boolean;
    updatedAt: string;
    author: string | null;
    title: string | null;
  }[];
  /** The head every member shows meanwhile. */
  shown: string | null;
}

/** `tvault team conflicts`: records with two or more heads. */
export function listConflicts(vault: Vault): TeamConflict[] {
  const state = vault.team;
  state.requireConfig();
  return state
    .records()
    .map((record) => ({ record, heads: headsOf(record.revisions) }))
    .filter(({ heads }) => heads.length > 1)
    .map(({ record, heads }) => ({
      recordId: record.recordId,
      shown: record.shown,
      heads: [...heads]
        .sort((x, y) => x.id.localeCompare(y.id))
        .map((h) => {
          const content = state.revision(h.id);
          const title = content?.fields?.['title'];
          return {
            revision: h.id,
            deleted: h.deleted,
            updatedAt: h.updatedAt,
            author: content?.author ?? null,
            title: typeof title === 'string' ? title : null,
          };
        }),
    }))
    .sort((a, b) => a.recordId.localeCompare(b.recordId));
}

/**
 * `tvault team resolve ID --keep REVISION`: a revision whose parents are every head and whose
 * content is the kept one's (a tombstone if the kept head is one); published at once.
 */
export function resolveConflict(
  vault: Vault,
  recordId: string,
  keep: string,
): { revision: string; files: string[] } {
  const state = vault.team;
  state.requireConfig();
  const record = state.record(recordId);
  const heads = record ? headsOf(record.revisions) : [];
  if (!record || heads.length < 2)
    throw new InvalidInputError(`Record ${recordId} has no team conflict.`, { id: recordId });
  const kept = heads.find((h) => h.id === keep || h.id.startsWith(keep.toLowerCase()));
  if (!kept || keep.length < 8)
    throw new InvalidInputError(
      `${keep} is not one of the heads of record ${recordId} (see tvault team conflicts).`,
      { id: recordId },
    );
  const content = kept.deleted ? null : state.revision(kept.id);
  const id = newId();
  vault
    .transaction(() => {
      addOwnRevision(vault, state, record, {
        id,
        record: recordId,
        parents: heads.map((h) => h.id),
        ...(content?.fields && content.createdAt
          ? { deleted: false, fields: content.fields, createdAt: content.createdAt }
          : { deleted: true }),
        updatedAt: new Date().toISOString(),
      });
      // addOwnRevision marked it shown; showHead must write it to the local record.
      record.shown = null;
      const afterCommit: (() => void)[] = [];
      showHead(vault, state, record, state.chain(), id, afterCommit);
      queueParts(vault, state, [id]);
      vault.noteCustody({
        action: 'team.conflict.resolved',
        record: recordId,
        detail: { kept: kept.id, revision: id },
      });
      return afterCommit;
    })
    .forEach((then) => then());
  return { revision: id, files: writeOutbox(vault, state) };
}

/** `tvault team members`. */
export function teamMembers(vault: Vault): {
  teamId: string;
  name: string | null;
  folder: string;
  members: Member[];
  me: string;
} {
  const config = vault.team.requireConfig();
  const chain = vault.team.chain();
  return {
    teamId: config.teamId,
    name: chain.teamName,
    folder: config.folder,
    members: chain.members(),
    me: vault.identity.fingerprint(),
  };
}
