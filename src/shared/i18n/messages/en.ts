import { custodyEn } from './custody/en';
import { vocabularyEn } from './vocabulary/en';
import { importEn } from './import/en';
import { teamEn } from './team/en';

/**
 * English: the reference catalogue. Every other language must have exactly these keys (the
 * compiler checks it). Placeholders are {name}; numbers and dates arrive already formatted.
 */
export const en = {
  'app.title': 'Testimony Vault',
  'app.startFailed': 'Testimony Vault could not start. Close it and open it again.',

  'create.title': 'Create your vault',
  'create.intro':
    'Everything you keep here is encrypted on this computer. Choose a passphrase: several unrelated words are easy to remember and hard to guess.',
  'create.passphrase': 'Passphrase',
  'create.passphraseHint': 'At least 8 characters; a sentence of four or more words is better.',
  'create.passphraseAgain': 'Type the passphrase again',
  'create.mismatch': 'The two passphrases are not the same.',
  'create.submit': 'Create the vault',
  'create.creating': 'Creating the vault…',

  'strength.empty': 'Strength: nothing typed yet',
  'strength.0': 'Strength: too short',
  'strength.1': 'Strength: weak',
  'strength.2': 'Strength: fair',
  'strength.3': 'Strength: good',
  'strength.4': 'Strength: strong',

  'recovery.title': 'Your recovery key',
  'recovery.explain':
    'If you forget the passphrase, this key is the only way back into the vault. It is shown now and never again.',
  'recovery.offline':
    'Write it on paper and keep the paper somewhere safe, away from this computer.',
  'recovery.notHere':
    'Do not save it in a file, a photo or an email on this computer: whoever finds it can open the vault.',
  'recovery.once': 'Nobody, not even the people who made this app, can recover it for you.',
  'recovery.written': 'I have written it down',

  'confirm.title': 'Check your copy',
  'confirm.explain':
    'Type two groups of the key from your paper copy. Groups are counted after “TV1”.',
  'confirm.group': 'Group {n}',
  'confirm.wrong':
    'That does not match the key. Look at your copy again, or go back to see the key.',
  'confirm.back': 'Show the key again',
  'confirm.submit': 'Confirm',

  'unlock.title': 'Unlock the vault',
  'unlock.with': 'Unlock with',
  'unlock.passphrase': 'Passphrase',
  'unlock.recoveryKey': 'Recovery key',
  'unlock.enterPassphrase': 'Your passphrase',
  'unlock.enterRecoveryKey': 'Your recovery key',
  'unlock.recoveryHint': 'The key that starts with TV1-, as you wrote it down.',
  'unlock.submit': 'Unlock',
  'unlock.busy': 'Unlocking…',

  'lock.now': 'Lock',
  'lock.reason.user': 'The vault was locked.',
  'lock.reason.shortcut': 'The vault was locked with the shortcut.',
  'lock.reason.idle': 'The vault locked itself after a period without activity.',
  'lock.reason.suspend': 'The vault locked when the computer went to sleep.',
  'lock.reason.lockScreen': 'The vault locked when the screen was locked.',
  'lock.draftDiscarded':
    'A testimony you were editing was not saved: a lock keeps nothing that was not saved.',

  'nav.label': 'Main',
  'nav.skip': 'Skip to content',
  'nav.archive': 'Archive',
  'nav.settings': 'Settings',

  'archive.title': 'Testimonies',
  'archive.new': 'New testimony',
  'archive.listLabel': 'Testimonies',
  'archive.detail': 'Selected testimony',
  'archive.loading': 'Loading the archive…',
  'archive.count': 'Showing {shown} of {total}',
  'archive.empty': 'The archive is empty. Add the first testimony with “New testimony”.',
  'archive.pick': 'Choose a testimony in the list, or add a new one.',

  'search.label': 'Search the testimonies',
  'search.placeholder': 'Search…',
  'search.warningSnippet': 'Behind a content warning: open the testimony to read it.',
  'search.count': 'Matches shown: {shown} (archive: {total})',
  'search.preparing': 'preparing search…',
  'search.failed': 'search is not available right now',
  'search.help': 'How to search',
  'search.help.words.example': 'threat factory',
  'search.help.words': 'testimonies with every word, in any form (“woman” also finds “women”)',
  'search.help.phrase.example': '"police station"',
  'search.help.phrase': 'these words together, in this order',
  'search.help.or.example': 'threat OR harassment',
  'search.help.or': 'either word (OR in capitals)',
  'search.help.not.example': 'threat -online',
  'search.help.not': 'leave out testimonies with this word (or -"a phrase")',
  'search.help.fold':
    'Accents, hamza forms, tatweel, Persian and Urdu letter variants and the Devanagari nukta need not be typed: the word is found either way.',

  'filters.title': 'Filter and sort',
  'filters.active': 'on',
  'filters.sort': 'Sort by',
  'filters.from': 'From date',
  'filters.to': 'To date',
  'filters.tag': 'Tag',
  'filters.language': 'Language',
  'filters.consent': 'Consent',
  'filters.any': 'Any',
  'filters.clear': 'Clear filters',

  'sort.updated-desc': 'Last changed, newest first',
  'sort.updated-asc': 'Last changed, oldest first',
  'sort.date-desc': 'Date of events, newest first',
  'sort.date-asc': 'Date of events, oldest first',
  'sort.title': 'Title',

  'consent.given': 'Consent given',
  'consent.withdrawn': 'Consent withdrawn',
  'consent.unknown': 'Consent unknown',
  'scope.archive-only': 'Archive only',
  'scope.share-with-partners': 'May be shared with partners',
  'scope.publish-anonymised': 'May be published anonymised',

  'field.title': 'Title',
  'field.body': 'Testimony',
  'field.lang': 'Language',
  'field.narrator': 'Narrator',
  'field.date': 'Date of events',
  'field.place': 'Place',
  'field.tags': 'Tags',
  'field.consent': 'Consent',
  'field.warning': 'Content warning',
  'field.notes': 'Notes',
  'field.identifying': 'Identifying passages',

  'record.edit': 'Edit',
  'record.history': 'History',
  'record.delete': 'Delete',
  'record.deleteConfirm': 'Delete for good',
  'record.identifying': 'Identifying',
  'record.noNarrator': 'Not recorded',
  'record.undated': 'No date',
  'record.revision': 'Revision',
  'record.updated': 'changed {when}',
  'record.receivedFrom': 'Received from',
  'record.warningTitle': 'Content warning:',
  'record.showBody': 'Show the testimony',
  'record.hideBody': 'Hide it again',
  'record.emptyBody': '(no text)',
  'record.cw': 'CW',
  'record.hasWarning': 'This testimony has a content warning',
  'record.files': 'Files: {n}',

  'form.newTitle': 'New testimony',
  'form.editTitle': 'Edit testimony',
  'form.langHint': 'Type the language’s name (Arabic, العربية) or a code such as ar, es or pt-BR.',
  'form.langChoices': 'Suggestions',
  'form.dateHint': 'YYYY, YYYY-MM or YYYY-MM-DD.',
  'date.reads': 'Reads: {date}',
  'form.narratorHint':
    'Name or pseudonym. Left out of anything shared unless you decide otherwise.',
  'form.tagsHint': 'Separate tags with commas.',
  'form.consentStatus': 'Status',
  'form.consentScope': 'Scope',
  'form.consentDate': 'Date of consent',
  'form.consentNote': 'Note about consent',
  'form.warningHint': 'When filled in, the text stays hidden until the reader chooses to open it.',
  'form.identifyingHint':
    'One passage per line: names, places or details that could identify someone.',
  'form.markSelection': 'Mark the selection as identifying',
  'form.unmarkSelection': 'Unmark the selection',
  'form.markHint':
    'Select words in the testimony, then mark them: they are replaced by “[redacted]” in exported copies.',
  'form.marked': 'Marked as identifying: {text}',
  'form.unmarked': 'No longer marked: {text}',
  'record.marksLegend':
    'Highlighted: passages marked as identifying (replaced in exported copies).',
  'form.save': 'Save',
  'form.saving': 'Saving…',
  'form.cancel': 'Cancel',
  'unsaved.title': 'Discard your changes?',
  'unsaved.explain': 'Your changes to this testimony are not saved yet.',
  'unsaved.keep': 'Keep editing',
  'unsaved.discard': 'Discard changes',
  'form.invalidFields': 'Please check: {fields}.',
  'form.error.title': 'Give the testimony a title.',
  'form.error.lang':
    'This is not a language code. Use a code such as ar, fr or es-MX, not the language’s name.',
  'form.error.date':
    'Write a real date as year-month-day, for example 2024-03-14 (or just 2024-03, or 2024).',
  'form.error.other':
    'This cannot be saved as it is: it is too long or holds characters that are not allowed.',

  'history.title': 'History',
  'history.close': 'Back to the testimony',
  'history.revisions': 'Revisions',
  'history.revision': 'Revision {n}',
  'history.comparing': 'Changes from revision {from} to revision {to}',
  'history.first': 'First revision',
  'history.noChanges': 'No field changed in this revision.',
  'history.restore': 'Restore revision {n}',
  'history.restored':
    'Revision {from} restored: it is now revision {to}. Nothing was lost; the history keeps every revision.',

  'evidence.title': 'Evidence',
  'evidence.drop': 'Drop files here to add them to this testimony.',
  'evidence.choose': 'Choose files…',
  'evidence.uploading': 'Adding {name}',
  'evidence.none': 'No files yet.',
  'evidence.sha256': 'SHA-256:',
  'evidence.preview': 'Preview',
  'evidence.hidePreview': 'Close preview',
  'evidence.extract': 'Save a copy…',
  'evidence.saveTitle': 'Save a copy of the evidence',
  'evidence.saved': 'Saved and verified: {path}',
  'evidence.detach': 'Remove',
  'evidence.detachConfirm': 'Remove for good',
  'evidence.noPreview': 'No preview for this kind of file. Save a copy to open it elsewhere.',
  'evidence.previewFailed': 'The preview could not be shown.',
  'evidence.loading': 'Loading…',
  'evidence.textSkipped.too-large': 'Text not extracted: the file is too large to read for search.',
  'evidence.textSkipped.time-limit':
    'Text not extracted: reading it took longer than the time limit (the file may be built to exhaust the app).',
  'evidence.textSkipped.memory-limit':
    'Text not extracted: reading it needed more memory than the limit (the file may be built to exhaust the app).',
  'evidence.textSkipped.unreadable':
    'Text not extracted: the file could not be read (encrypted or damaged).',
  'evidence.metadata.flagged': 'This file carries {count} field(s) that can identify someone',
  'evidence.metadata.flag.location': 'Place',
  'evidence.metadata.flag.serial': 'Device',
  'evidence.metadata.flag.person': 'Person',
  'evidence.metadata.flag.file-name': 'File name',
  'evidence.metadata.flag.date': 'Date and time',
  'evidence.ocr.run': 'Recognise text',
  'evidence.ocr.again': 'Recognise text again',
  'evidence.ocr.running': 'Recognising text…',
  'evidence.ocr.progress': 'Recognising text: {percent}%',
  'evidence.ocr.progressPage': 'Recognising text: page {page} of {pages}, {percent}%',
  'evidence.ocr.cancel': 'Cancel',
  'evidence.ocr.cancelled': 'Text recognition cancelled. Nothing was stored; the file is kept.',
  'evidence.ocr.donePages':
    'Text recognised for search ({languages}, confidence {confidence}, {pages} page(s) read as images).',
  'evidence.ocr.done': 'Text recognised for search ({languages}, confidence {confidence}).',
  'evidence.ocr.failed.unreadable':
    'No text recognised: the image could not be read (damaged or truncated). The file is kept.',
  'evidence.ocr.failed.too-large':
    'No text recognised: the image is too large to read (the file may be built to exhaust the app). The file is kept.',
  'evidence.ocr.failed.time-limit':
    'No text recognised: it took longer than the time limit. The file is kept.',
  'evidence.ocr.failed.memory-limit':
    'No text recognised: it needed more memory than the limit. The file is kept.',
  'evidence.ocr.failedPage.unreadable':
    'No text recognised: page {page} of {pages} of the PDF could not be read (damaged or malformed). Nothing was stored; the file is kept.',
  'evidence.ocr.failedPage.too-large':
    'No text recognised: page {page} of {pages} of the PDF is too large to read (the file may be built to exhaust the app). Nothing was stored; the file is kept.',
  'evidence.ocr.failedPage.time-limit':
    'No text recognised: page {page} of {pages} of the PDF took longer than the time limit. Nothing was stored; the file is kept.',
  'evidence.ocr.failedPage.memory-limit':
    'No text recognised: page {page} of {pages} of the PDF needed more memory than the limit. Nothing was stored; the file is kept.',
  'evidence.ocr.failedPdf.unreadable':
    'No text recognised: the PDF could not be read (damaged, encrypted or not a PDF). The file is kept.',
  'evidence.ocr.failedPdf.too-large':
    'No text recognised: the PDF is too large to read (more than 128 MiB or 500 pages). The file is kept.',

  'pdf.previous': 'Previous page',
  'pdf.next': 'Next page',
  'pdf.page': 'Page {n} of {total}',

  'settings.autoLock': 'Automatic lock',
  'settings.autoLockMinutes': 'Lock after this many minutes without activity',
  'settings.autoLockHint':
    'Between 1 and 240. The vault also locks when the computer sleeps or the screen locks.',
  'settings.save': 'Save',
  'settings.saved': 'Saved.',
  'settings.language': 'Language',
  'settings.ocr': 'Text recognition',
  'settings.ocrAfterAttach': 'Recognise text automatically after attaching',
  'settings.ocrAfterAttachHint':
    'Photos and scanned PDFs are read on this computer, offline, one at a time. It can take several seconds a page.',
  'settings.region': 'Region for dates and numbers',
  'settings.regionHint':
    'Month names and digits as written there, e.g. Moroccan Arabic “نونبر” for November.',
  'settings.regionDefault': 'The language’s default',
  'settings.changePassphrase': 'Change the passphrase',
  'settings.currentPassphrase': 'Current passphrase',
  'settings.newPassphrase': 'New passphrase',
  'settings.changing': 'Changing…',
  'settings.passphraseChanged': 'The passphrase was changed. The recovery key stays the same.',

  'nav.sharing': 'Partners & sharing',
  'record.share': 'Share…',
  'sharing.identityTitle': 'This vault’s identity',
  'sharing.identityExplain':
    'Give this identity to your partners by any channel. Then read the fingerprint to each other by phone or in person: if the digits match, nobody swapped the identity on the way.',
  'sharing.identityLabel': 'Identity to give to partners',
  'sharing.fingerprint': 'Fingerprint',
  'sharing.copy': 'Copy the identity',
  'sharing.copied': 'The identity is on the clipboard.',
  'sharing.partnersTitle': 'Partners',
  'sharing.noPartners': 'No partners yet.',
  'sharing.partnerName': 'Name',
  'sharing.status': 'Status',
  'sharing.actions': 'Actions',
  'sharing.verified': 'Verified',
  'sharing.notVerified': 'Not verified',
  'sharing.verify': 'Verify…',
  'sharing.remove': 'Remove',
  'sharing.removeConfirm': 'Remove for good',
  'sharing.verifyTitle': 'Verify {name}',
  'sharing.verifyExplain':
    'Call {name} or meet them, and ask them to read you the fingerprint their app shows for its own identity. It must be exactly this:',
  'sharing.verifyMatch': 'The digits match',
  'sharing.verifyLater': 'Not now',
  'sharing.nowVerified': 'The partner is verified.',
  'sharing.addTitle': 'Add a partner',
  'sharing.partnerIdentity': 'Their identity',
  'sharing.partnerIdentityHint': 'The text that starts with TVID1-, as they sent it.',
  'sharing.add': 'Add the partner',
  'sharing.receiveTitle': 'Receive a bundle',
  'sharing.receiveExplain':
    'Open a bundle a partner sent you. It is checked completely (signature, every record and file) before you see what it holds; nothing is imported until you accept.',
  'sharing.openBundle': 'Open a bundle…',
  'sharing.openTitle': 'Open a bundle from a partner',
  'sharing.saveTitle': 'Save the bundle',
  'sharing.bundleFiles': 'Testimony Vault bundles',
  'sharing.notForUs':
    'This bundle is not addressed to this vault ({size}). Nothing else can be read from it.',
  'sharing.verifiedAll': 'Signature and every entry verified.',
  'sharing.from': 'From',
  'sharing.unknownSender': 'Not one of your partners',
  'sharing.sentOn': 'Written on',
  'sharing.contents': 'Contents',
  'sharing.contentsCounts': 'Testimonies: {records} · files: {attachments}',
  'sharing.identities': 'Identities',
  'sharing.identitiesRedacted': 'Redacted (narrators replaced by pseudonyms)',
  'sharing.identitiesIncluded': 'Included for some testimonies',
  'sharing.alreadyReceived': 'This bundle was received before; nothing will be imported twice.',
  'sharing.comparedUnknown':
    'I compared the fingerprint {fingerprint} with the sender, and it matches.',
  'sharing.accept': 'Import',
  'sharing.received':
    'Received from {from}: testimonies {records}, files {attachments}, already held {duplicates}.',
  'sharing.phase.write': 'Writing the bundle',
  'sharing.phase.verify': 'Verifying',
  'sharing.phase.import': 'Importing',
  'export.title': 'Share with partners',
  'export.shareList': 'Share these…',
  'export.what': 'What to share',
  'export.scopeOne': 'The selected testimony',
  'export.scopeList': 'The testimonies shown in the list ({n})',
  'export.scopeAll': 'All testimonies',
  'export.to': 'Send to',
  'export.noPartners': 'Add a partner first (Partners & sharing).',
  'export.how': 'How',
  'export.redactIdentities':
    'Redact identities: narrators become pseudonyms, identifying passages are removed (recommended)',
  'export.identitiesWarning':
    'Narrators’ names and identifying passages will travel as they are, except for testimonies whose consent allows anonymised publication only.',
  'export.withHistory': 'Send every revision, not only the latest',
  'export.next': 'Review',
  'export.reviewTitle': 'Review before sharing',
  'export.recipients': 'Recipients',
  'export.counts': 'Testimonies to send: {records} · files: {attachments}',
  'export.refusedTitle': 'Left out because of consent: {n}',
  'export.refused.withdrawn': 'consent was withdrawn',
  'export.refused.unknown': 'consent is not recorded as given',
  'export.refused.archiveOnly': 'consent covers the archive only',
  'export.asPartnerSees': 'As the partner will read them',
  'export.redacted': 'Redacted',
  'export.identitiesKept': 'Identities kept',
  'export.confirm': 'I have read the above and want to share the others.',
  'export.back': 'Back',
  'export.write': 'Write the bundle…',
  'export.doneTitle': 'Bundle written',
  'export.done':
    'Testimonies: {records} · files: {attachments} · size: {size}. Send the file to the partners by any channel: only they can open it.',
  'export.close': 'Close',
  'export.replacedTitle': 'What the redaction replaces',
  'export.nothingReplaced': 'Nothing in this testimony is replaced.',
  'export.times': '×{n}',
  'export.warningsTitle': 'Not covered by the redaction',
  'export.warning':
    '“{passage}” also appears inside other words, which are sent as written: {forms}. Mark them as identifying too, or edit the text.',
  'export.filesTitle': 'Files',
  'export.filesNote':
    'Files are sent as cleaned copies: photos, PDFs, audio and video files lose the metadata that can identify someone (place, device, author, dates); your vault keeps the originals. A file that cannot be cleaned says so below. Their contents are not redacted: a face or a voice can identify someone. Leave out any file that should not go.',
  'export.keepMetadata': 'Send the original files with their metadata (place, device, author)',
  'export.fileCarries': 'Sent with its metadata, which can identify someone:',
  'export.sentAs.cleaned': 'cleaned copy',
  'export.sentAs.kept': 'original, with its metadata',
  'export.sentAs.format': 'sent as it is: this type of file is not cleaned',
  'export.sentAs.too-large': 'sent as it is: too large to clean',
  'export.filesAsIs': 'File contents are never redacted.',
  'export.sendFile': 'Send',
  'export.nothingToWrite':
    'Nothing can be written: the consent of every chosen testimony refuses sharing. Open a testimony’s consent below to check it, or choose other testimonies.',
  'export.confirmFirst': 'To write the bundle, tick the confirmation above.',
  'export.openConsent': 'Open its consent',

  'error.wrongPassphrase':
    'Wrong passphrase. Check the keyboard layout and Caps Lock, and try again.',
  'error.wrongRecoveryKey':
    'That recovery key does not open this vault. Check it against your copy.',
  'error.locked': 'The vault is locked.',
  'error.inUse':
    'The vault is open in another program (another window or the tvault command). Close it first.',
  'error.corrupt':
    'The vault is damaged. Do not change anything; make a copy of the folder and ask for help.',
  'error.exists': 'A vault already exists here.',
  'error.integrity': 'Some stored data failed its integrity check: it was altered or damaged.',
  'error.recordNotFound': 'This testimony no longer exists.',
  'error.attachmentNotFound': 'This file no longer exists.',
  'error.invalid': 'Some of what was entered is not valid. Check the fields and try again.',
  'error.fileIo': 'A file could not be read or written (missing, no permission, or disk full).',
  'error.cancelled': 'Cancelled.',
  'error.partnerNotFound': 'No partner by that name.',
  'error.partnerExists': 'This partner (or this identity) is already in the list.',
  'error.teamNotFound': 'This vault is not in a team yet.',
  'error.teamExists': 'This vault is already in a team.',
  'error.identityInvalid': 'That is not a valid identity. Ask the partner to send it again, whole.',
  'error.bundle':
    'This bundle cannot be read: it is damaged, or it was altered. Nothing was imported.',
  'error.bundleNotForUs': 'This bundle is not addressed to this vault.',
  'error.bundleUnknownSender':
    'The sender is not one of your partners. Compare the fingerprint with them first.',
  'error.exportRefused':
    'Nothing was written: the selection needs your confirmation, or consent refuses every testimony.',
  'error.limit':
    'This goes past a limit the app sets to protect itself (for example too many files at once, or a bundle too large to open). Nothing was changed.',
  'error.ocr':
    'No text could be recognised in this file (not an image it reads, damaged, or too large). The file is kept unchanged.',
  'error.internal': 'Something went wrong. Nothing was changed.',
  ...custodyEn,
  ...vocabularyEn,
  ...importEn,
  ...teamEn,
} as const;

export type MessageKey = keyof typeof en;
