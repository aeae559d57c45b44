/**
 * English messages of the import wizard (issue 16), kept apart from the main catalogue so the
 * strands that edit it do not collide. Spread into `en`.
 */
export const importEn = {
  'import.open': 'Import…',
  'import.chooseTitle': 'Choose an export to import',
  'import.mappingTitle': 'Choose a mapping file',
  'import.filesTitle': 'Choose the folder that holds the export’s files',
  'import.exportFiles': 'Exports (XML, CSV, XLSX, JSONL)',
  'import.mappingFiles': 'Mapping files (JSON)',

  'import.title': 'Import from another tool',
  'import.stepOf': 'Step {n} of {total}',
  'import.close': 'Close',
  'import.back': 'Back',
  'import.next': 'Next',

  'import.fileTitle': 'File and source',
  'import.fileIntro':
    'Choose an export from Martus (XML), Uwazi (CSV) or KoboToolbox (CSV or XLSX), or a CSV or JSONL file. Nothing is written until you confirm.',
  'import.chooseFile': 'Choose a file…',
  'import.chosenFile': 'File: {name} ({size})',
  'import.source': 'Source',
  'import.sourceByContent': 'Recognised from the file’s content.',
  'import.sourceByExtension': 'Guessed from the file’s name: check it.',
  'import.sourceNone': 'Choose which tool made this file.',
  'import.sourcePick': 'Choose a source',
  'import.source.martus': 'Martus (bulletin XML)',
  'import.source.uwazi': 'Uwazi (CSV export)',
  'import.source.kobo': 'KoboToolbox (CSV or XLSX)',
  'import.source.csv': 'CSV (testimony columns, or with a mapping file)',
  'import.source.jsonl': 'JSONL (one record per line)',
  'import.mapping': 'Mapping file (optional): {name}',
  'import.chooseMapping': 'Choose a mapping file…',
  'import.filesFolder': 'Folder of attached files (optional): {name}',
  'import.chooseFolder': 'Choose a folder…',
  'import.none': 'none',
  'import.reading': 'Reading the first records…',
  'import.unreadable.empty': '{name} is empty: there is nothing to import.',
  'import.unreadable.encoding':
    '{name} is not UTF-8 text. Save it again as UTF-8 (in a spreadsheet: “CSV UTF-8”) and choose it again.',
  'import.unreadable.binary': '{name} is not a text export: it holds binary data.',
  'import.unreadable.unknown':
    '{name} does not look like an export of Martus, Uwazi or KoboToolbox, nor a CSV or JSONL file. If you know which tool made it, choose the source.',
  'import.error.file': '{name} cannot be imported as this source. The file says:',
  'import.error.mapping': 'The mapping file {name} cannot be used:',
  'import.error.other': '{name}: {cause}',

  'import.previewTitle': 'Preview of the first records',
  'import.previewCounts':
    '{read} records read: {created} new, {updated} to update, {unchanged} unchanged, {rejected} rejected.',
  'import.previewLimit':
    'The preview reads at most the first {count} records; the import reads them all.',
  'import.mappingCaption': 'What each source field becomes',
  'import.sourceField': 'Source field',
  'import.testimonyField': 'Testimony field',
  'import.rest': 'Every other field, as “name: value” lines',
  'import.target.consentStatus': 'Consent',
  'import.target.consentScope': 'Consent scope',
  'import.target.consentDate': 'Date of consent',
  'import.target.consentNote': 'Consent note',
  'import.ownFields':
    'This file uses the testimony format: its columns are the testimony’s own fields.',
  'import.unmappedTitle': 'Source fields not imported',
  'import.gatheredTitle': 'Gathered into the testimony as “name: value” lines',
  'import.samplesCaption': 'The first records as they will be stored',
  'import.position.line': 'line {n}',
  'import.position.row': 'row {n}',
  'import.position.record': 'record {n}',
  'import.colWhere': 'Where',
  'import.colFiles': 'Files',
  'import.colReason': 'Reason',
  'import.rejectedTitle': 'Rejected records',
  'import.missingFiles':
    '{count} file(s) named in these records cannot be attached (not found, or no folder chosen); the records are imported without them.',

  'import.consentTitle': 'Consent',
  'import.consentIntro':
    'Consent is never guessed. Choose the source field that records each narrator’s consent, or leave consent unknown; you can set it on each testimony later.',
  'import.consentLegend': 'Where consent comes from',
  'import.consentUnknown': 'No field: consent “unknown” for every record',
  'import.consentOwn':
    'This file uses the testimony format: each record carries its own consent fields.',
  'import.consentAnswers':
    'Answers understood: yes / no, given / withdrawn, true / false, 1 / 0, oui / non, sí / no, نعم / لا. A record with any other answer is rejected.',
  'import.withoutConsent':
    '{count} of the {read} records read have no consent in the export: they will be imported with consent “unknown”.',
  'import.checking': 'Checking…',

  'import.confirmTitle': 'Confirm',
  'import.confirmFile': 'File',
  'import.confirmSource': 'Source',
  'import.confirmMapping': 'Mapping',
  'import.confirmFolder': 'Attached files',
  'import.confirmConsent': 'Consent',
  'import.defaultMapping': 'the defaults for this source',
  'import.allOrNothing':
    'The whole file is imported in one step: if the import is cancelled or fails, nothing is imported or changed. Testimonies imported before from the same export are updated, not duplicated.',
  'import.start': 'Import',
  'import.cancelled': 'The import was cancelled: nothing was imported or changed.',

  'import.progressTitle': 'Importing',
  'import.progressRecords': '{records} records read',
  'import.progressBytes': '{done} of {total}',
  'import.progressLabel': 'Import progress',
  'import.cancel': 'Cancel the import',

  'import.summaryTitle': 'Import finished',
  'import.summaryCounts':
    '{created} new, {updated} updated, {unchanged} unchanged, {rejected} rejected.',
  'import.summaryWithoutConsent':
    '{count} testimonies arrived without consent: their consent is “unknown”. Set it before sharing them.',
  'import.summaryAttached': '{count} file(s) attached.',
  'import.missingTitle': 'Files that could not be attached',
  'import.fileN': 'file {n}',
  'import.done': 'Back to the archive',
} as const;
