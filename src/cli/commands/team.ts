import type { Command } from 'commander';
import { InvalidInputError } from '../../shared/errors';
import { fingerprintOf, parseIdentity } from '../../core/identity/public-identity';
import { syncTeam } from '../../core/team/sync';
import {
  initTeam,
  inviteMember,
  joinTeam,
  listConflicts,
  removeMember,
  resolveConflict,
  teamMembers,
} from '../../core/team/team';
import { globalOptions, output, withVault } from '../context';
import { safeInline } from '../format';
import { confirm } from '../prompt';

/**
 * A team archive over a synced folder (issue 15, docs/team.md). Thin adapters over
 * src/core/team; fingerprints are confirmed as for partners (a prompt, or --yes).
 */
async function confirmFingerprint(who: string, identity: string, yes?: boolean): Promise<void> {
  const fingerprint = fingerprintOf(parseIdentity(identity));
  if (yes) return;
  const ok = await confirm(
    `Fingerprint of ${who}:\n\n  ${fingerprint}\n\nDoes ${who} read you exactly these digits? Type "yes" to go on: `,
    'yes',
  );
  if (!ok) {
    throw new InvalidInputError(
      `Stopped. Compare the fingerprint ${fingerprint} with ${who}, then confirm at the prompt or pass --yes.`,
      { fingerprint },
    );
  }
}

export function registerTeamCommands(program: Command): void {
  const team = program
    .command('team')
    .description('a team archive over a synced folder (Syncthing, Nextcloud, a shared drive)');

  team
    .command('init')
    .description('create a team whose change sets go to FOLDER, with this vault as first member')
    .argument('<name>', "the team's name")
    .requiredOption('--folder <dir>', 'the folder the sync engine keeps the same on every laptop')
    .option('--as <label>', 'how the others see this member', 'creator')
    .action(async (name: string, opts: { folder: string; as: string }, command: Command) => {
      const options = globalOptions(command);
      const result = await withVault(
        options,
        (vault) => {
          const config = initTeam(vault, { name, folder: opts.folder, memberName: opts.as });
          return {
            teamId: config.teamId,
            folder: config.folder,
            identity: vault.identity.identityString(),
          };
        },
        'metadata',
      );
      output(options).result(result, () =>
        [
          `Team created: ${result.teamId}`,
          `Folder: ${safeInline(result.folder)}`,
          'To invite someone: get their identity (tvault identity), compare fingerprints, then',
          '  tvault team invite IDENTITY --name NAME',
        ].join('\n'),
      );
    });

  team
    .command('invite')
    .description('add a member: they receive the whole team archive at their first sync')
    .argument('<identity>', "the new member's identity string (TVID1-…)")
    .requiredOption('--name <label>', 'how the members see them')
    .option('--yes', 'the fingerprints were compared and match; do not ask')
    .action(async (identity: string, opts: { name: string; yes?: boolean }, command: Command) => {
      const options = globalOptions(command);
      const result = await withVault(
        options,
        async (vault) => {
          await confirmFingerprint(safeInline(opts.name), identity, opts.yes);
          const invited = inviteMember(vault, { identity, name: opts.name });
          const config = vault.team.requireConfig();
          return {
            fingerprint: invited.fingerprint,
            teamId: config.teamId,
            inviter: vault.identity.identityString(),
            files: invited.files.length,
          };
        },
        'content',
      );
      output(options).result(result, () =>
        [
          `Invited ${safeInline(opts.name)} (${result.fingerprint}).`,
          'Give them, with the team folder shared in your sync engine:',
          `  tvault team join ${result.teamId} --inviter ${result.inviter} --folder DIR`,
        ].join('\n'),
      );
    });

  team
    .command('join')
    .description('join a team you were invited to; the next `team sync` reads the archive')
    .argument('<team-id>', 'the team id the inviter gave you')
    .requiredOption('--inviter <identity>', "the inviter's identity string")
    .requiredOption('--folder <dir>', 'your copy of the team folder')
    .option('--yes', "the inviter's fingerprint was compared and matches; do not ask")
    .action(
      async (
        teamId: string,
        opts: { inviter: string; folder: string; yes?: boolean },
        command: Command,
      ) => {
        const options = globalOptions(command);
        const config = await withVault(
          options,
          async (vault) => {
            await confirmFingerprint('the inviter', opts.inviter, opts.yes);
            return joinTeam(vault, { teamId, inviter: opts.inviter, folder: opts.folder });
          },
          'metadata',
        );
        output(options).result(
          { teamId: config.teamId, folder: config.folder },
          () =>
            `Joined team ${config.teamId}. Run \`tvault team sync\` once the folder has synced.`,
        );
      },
    );

  team
    .command('members')
    .description("the team's current members, with fingerprints")
    .action(async (_opts: unknown, command: Command) => {
      const options = globalOptions(command);
      const view = await withVault(options, (vault) => teamMembers(vault), 'metadata');
      output(options).result(view, () =>
        [
          `Team ${safeInline(view.name ?? '(not synced yet)')} ${view.teamId}`,
          ...view.members.map(
            (m) =>
              `${safeInline(m.name).padEnd(24)}  ${m.fingerprint}${m.fingerprint === view.me ? '  (this vault)' : ''}`,
          ),
        ].join('\n'),
      );
    });

  team
    .command('remove')
    .description('remove a member: later change sets are not for them (what they had, they keep)')
    .argument('<member>', 'their identity string or fingerprint')
    .action(async (who: string, _opts: unknown, command: Command) => {
      const options = globalOptions(command);
      const result = await withVault(options, (vault) => removeMember(vault, who), 'metadata');
      output(options).result(result, () =>
        [
          `Removed ${result.fingerprint}.`,
          'Change sets written from now on are not addressed to them. What they already',
          'received stays on their laptop: it cannot be taken back.',
        ].join('\n'),
      );
    });

  team
    .command('sync')
    .description('publish local changes to the team folder and apply the others')
    .action(async (_opts: unknown, command: Command) => {
      const options = globalOptions(command);
      const report = await withVault(options, (vault) => syncTeam(vault), 'content');
      output(options).result(report, () =>
        [
          `Published ${report.published}, applied ${report.applied}, refused ${report.rejected}, waiting ${report.waiting}.`,
          ...(report.incomplete > 0
            ? [`${report.incomplete} file(s) not complete yet: they are read at a later sync.`]
            : []),
        ].join('\n'),
      );
    });

  team
    .command('conflicts')
    .description('testimonies edited concurrently on two laptops (two or more heads)')
    .action(async (_opts: unknown, command: Command) => {
      const options = globalOptions(command);
      const conflicts = await withVault(options, (vault) => listConflicts(vault), 'content');
      output(options).result({ conflicts }, () =>
        conflicts.length === 0
          ? 'No conflicts.'
          : conflicts
              .map((c) =>
                [
                  `${c.recordId}`,
                  ...c.heads.map(
                    (h) =>
                      `  ${h.revision}  ${h.updatedAt}  ${h.deleted ? '(deleted)' : safeInline(h.title ?? '')}${h.revision === c.shown ? '  (shown)' : ''}`,
                  ),
                ].join('\n'),
              )
              .join('\n') + '\nResolve with: tvault team resolve ID --keep REVISION',
      );
    });

  team
    .command('resolve')
    .description('end a conflict by keeping one head (published to the team at once)')
    .argument('<id>', 'the record id')
    .requiredOption('--keep <revision>', 'the head revision to keep (from `team conflicts`)')
    .action(async (id: string, opts: { keep: string }, command: Command) => {
      const options = globalOptions(command);
      const result = await withVault(
        options,
        (vault) =>
          resolveConflict(
            vault,
            /^[0-9a-f]{32}$/.test(id) ? id : vault.records.resolveId(id),
            opts.keep,
          ),
        'content',
      );
      output(options).result(result, () => `Resolved: revision ${result.revision} published.`);
    });
}
