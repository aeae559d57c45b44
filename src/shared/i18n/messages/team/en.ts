/**
 * English messages of the team archive in the app (issue 15, docs/team.md "In the app"): the
 * Team screen, its sync, members and conflicts. Kept apart from the main catalogue so the
 * strands that edit it do not collide. Spread into `en`.
 */
export const teamEn = {
  'nav.team': 'Team',
  'team.title': 'Team archive',
  'team.titleNamed': 'Team archive “{name}”',
  'team.none': 'This vault is in no team',
  'team.setupIntro':
    'A team archive joins the vaults of several laptops through a folder that a sync engine (Syncthing, Nextcloud, a shared drive, even a USB disk) keeps the same everywhere. The folder holds only encrypted, signed change sets. A team is set up with the tvault command-line tool, while this app is closed:',
  'team.setupCreate': 'On the first laptop, create the team over your copy of the shared folder:',
  'team.setupInvite':
    'Invite each member with their identity (on their Partners & sharing screen), after comparing fingerprints:',
  'team.setupJoin': 'On the new member’s laptop, join with what the invitation printed:',
  'team.setupDocs':
    'docs/team.md explains every step, what the folder and the sync engine learn, and how to set up Syncthing. Then open this screen again: the app syncs at unlock and every few minutes.',
  'team.membersTitle': 'Members',
  'team.thisVault': 'This vault',
  'team.removalTitle': 'Removing a member',
  'team.removal':
    'A member is removed with tvault team remove. Change sets written after that are no longer addressed to them, so they receive nothing new.',
  'team.removalLimit':
    'What they already had cannot be taken back: the testimonies and files already on their laptop stay there.',
  'team.syncTitle': 'Sync',
  'team.folder': 'Team folder',
  'team.id': 'Team id',
  'team.syncing': 'Syncing…',
  'team.pending':
    'Change sets waiting for what they need: {waiting}. Not yet written to the folder: {unpublished}.',
  'team.syncNow': 'Sync now',
  'team.never': 'No sync has ended since the vault was unlocked.',
  'team.lastOk':
    'Last sync {time}: {published} sent, {applied} received, {rejected} refused, {waiting} waiting.',
  'team.lastFailed': 'The last sync ({time}) failed: {reason}',
  'team.folderUnreadable':
    'the team folder {folder} cannot be read or written. Is it still there, and is the sync engine running? Nothing was lost; the next sync tries again.',
  'team.interval': 'Sync every (minutes)',
  'team.intervalHint': 'While the vault is unlocked. A sync also runs each time it is unlocked.',
  'team.conflictsTitle': 'Conflicts',
  'team.noConflicts': 'No conflicts.',
  'team.conflictsIntro':
    'These testimonies were edited on two laptops before they synced. Nothing was overwritten: compare the versions and choose the one to keep.',
  'team.conflictVersions': '{count} versions, by {authors}',
  'team.unknownAuthor': 'a former member',
  'team.compare': 'Compare and choose',
  'team.compareLabel': 'Compare and choose: “{title}”',
  'team.untitled': 'Untitled testimony',
  'team.version': '{author}, {time}',
  'team.compareCaption': 'The versions side by side, field by field',
  'team.field': 'Field',
  'team.shownNow': 'Shown now',
  'team.deletedVersion': 'Deletes the testimony',
  'team.differs': 'Differs',
  'team.compareTitle': 'Versions of “{title}”',
  'team.back': 'Back to the team',
  'team.compareIntro':
    'Each column is one version; rows that differ are marked, and so are the words only one version has.',
  'team.keepLegend': 'Version to keep',
  'team.keepWarning':
    'After this, the testimony shows only the version you keep, on every laptop of the team. Copy what you need from the other version first.',
  'team.keepButton': 'Keep this version',
  'team.resolved': 'Conflict resolved: the version you chose is kept and sent to the team.',
};
