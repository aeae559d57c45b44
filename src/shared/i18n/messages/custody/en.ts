/**
 * English messages of the custody, recovery and backup screens (issue 10), kept apart from the
 * main catalogue so the strands that edit it do not collide. Spread into `en`.
 */
export const custodyEn = {
  'unlock.shares': 'Recovery shares',
  'unlock.sharesIntro':
    'I have recovery shares: enter as many as the split needs, one per field, as each holder wrote it down.',
  'unlock.shareLabel': 'Share {n}',
  'unlock.addShare': 'Add another share',
  'unlock.removeShare': 'Remove share {n}',
  'unlock.share.format': 'Share {n} is not a recovery share: shares start with TVS1-.',
  'unlock.share.checksum':
    'Share {n} is mistyped: compare it letter by letter with the person who holds it.',
  'unlock.share.otherSplit':
    'Share {n} belongs to another split: shares were made again since, or it is of another vault.',
  'unlock.share.repeated': 'Share {n} repeats a share given already.',
  'unlock.share.tooFew': '{needed} shares are needed; {given} were given.',
  'unlock.share.altered': "The shares do not rebuild this vault's key: one of them was altered.",
  'unlock.share.noSplit': 'This vault has no recovery shares: unlock with the recovery key.',

  'settings.custody': 'Recovery, verification and backups',
  'recovery.intro':
    'If the passphrase is forgotten, or the person who knows it leaves, a recovery key or shares held by trusted colleagues are the way back in.',
  'recovery.newKey': 'Make a new recovery key',
  'recovery.newKeyIntro':
    'The current recovery key stops working. The new one is shown once: write it on paper and keep it away from this computer.',
  'recovery.make': 'Make the new key',
  'recovery.making': 'Making…',
  'recovery.keyShown': 'Your new recovery key',
  'recovery.keyOnce': 'This key is shown only now. The previous one no longer works.',
  'recovery.done': 'I have written it down',
  'recovery.split': 'Split into shares',
  'recovery.splitIntro':
    'Each share goes to a different trusted person. Any K of the N shares unlock the vault; fewer reveal nothing. Splitting again makes earlier shares stop working; the recovery key keeps working.',
  'recovery.count': 'Number of shares (N)',
  'recovery.threshold': 'Shares needed to unlock (K)',
  'recovery.thresholdError': 'K must be at least 2 and at most N.',
  'recovery.makeShares': 'Make the shares',
  'recovery.shareTitle': 'Share {k} of {n}',
  'recovery.shareFor':
    'This share is for one trusted person only. Give each share to a different person: any {threshold} of them together unlock the vault.',
  'recovery.shareOnce':
    'It is shown only now. Copy or print it, hand it over, then go to the next share.',
  'recovery.copy': 'Copy',
  'recovery.copied': 'Copied. Clear the clipboard once it is pasted where it belongs.',
  'recovery.print': 'Print',
  'recovery.next': 'Next share',
  'recovery.finish': 'Finish',
  'recovery.splitDone': '{n} shares were made. Earlier shares no longer work.',
  'custody.back': 'Back to Settings',

  'verify.title': 'Verify the vault',
  'verify.intro':
    'Checks that every testimony and file decrypts and matches its SHA-256, that the custody log is whole and its signatures hold, and that the search index matches. Nothing is changed.',
  'verify.run': 'Verify now',
  'verify.running': 'Verifying…',
  'verify.ok':
    'Everything checked out: {records} testimonies ({revisions} revisions), {attachments} files, {entries} log entries.',
  'verify.problems': 'Problems found: {count}. Each is named by the id of what it affects.',
  'verify.kind': 'Problem',
  'verify.id': 'Id',
  'verify.detail': 'Detail',
  'progress.records': 'Testimonies',
  'progress.attachments': 'Files',
  'progress.log': 'Custody log',
  'progress.search': 'Search index',
  'progress.database': 'Database',
  'progress.blobs': 'Files',

  'backup.title': 'Backups',
  'backup.intro':
    'Copies the vault, still encrypted, into a folder you choose (on a USB disk, say) and checks the copy. Into an earlier backup of this vault only new files are copied.',
  'backup.run': 'Make a backup…',
  'backup.running': 'Backing up…',
  'backup.done':
    'Backup made and checked in {folder}: {copied} files copied, {kept} already there.',
  'backup.chooseTitle': 'Choose the backup folder',

  'log.title': 'Custody log',
  'log.intro':
    'Every action on this vault, oldest first. Entries name testimonies and files by id and hash, never by their content.',
  'log.open': 'See the custody log',
  'log.filter': 'Only the entries about one testimony (its full id)',
  'log.filterInvalid': 'A testimony id has 32 characters, 0-9 and a-f.',
  'log.count': 'Entries: {count}',
  'log.seq': 'No.',
  'log.at': 'When',
  'log.action': 'Action',
  'log.about': 'About',
  'action.vault.created': 'Vault created',
  'action.vault.unlocked': 'Unlocked',
  'action.record.created': 'Testimony added',
  'action.record.edited': 'Testimony edited',
  'action.record.opened': 'Testimony opened',
  'action.record.deleted': 'Testimony deleted',
  'action.attachment.added': 'File added',
  'action.attachment.extracted': 'File copy saved',
  'action.attachment.deleted': 'File removed',
  'action.bundle.exported': 'Bundle shared',
  'action.bundle.received': 'Bundle received',
  'action.passphrase.changed': 'Passphrase changed',
  'action.recovery.used': 'Unlocked with recovery',
  'action.recovery.split': 'Recovery shares made',
  'action.recovery.rotated': 'New recovery key',
  'action.backup.made': 'Backup made',
  'action.backup.restored': 'Restored from a backup',
  'action.team.created': 'Team created',
  'action.team.joined': 'Team joined',
  'action.team.member.added': 'Team member added',
  'action.team.member.removed': 'Team member removed',
  'action.team.changeset.published': 'Changes published to the team folder',
  'action.team.changeset.applied': "A team member's changes applied",
  'action.team.changeset.rejected': 'Team change set refused',
  'action.team.synced': 'Team synchronised',
  'action.team.conflict.resolved': 'Team conflict resolved',

  'report.open': 'Custody report',
  'report.title': 'Custody report',
  'report.intro':
    "Who did what to this testimony and when, from the vault's signed custody log. The signed JSON is the evidence a partner or a court checks (tvault custody verify); the page is for printing.",
  'report.fingerprint': 'Vault fingerprint',
  'report.revisions': 'Revisions',
  'report.files': 'Files',
  'report.entries': 'Custody entries',
  'report.revision': 'Revision',
  'report.date': 'Date',
  'report.name': 'Name',
  'report.size': 'Size',
  'report.saveJson': 'Save the signed JSON…',
  'report.saveHtml': 'Save the printable page…',
  'report.saved': 'Saved: {files}',
  'report.close': 'Close',
  'report.saveTitle': 'Save the custody report',

  'error.backupInvalid':
    'This folder is neither empty nor a backup of this vault. Choose an empty folder or an earlier backup of this vault.',
} as const;
