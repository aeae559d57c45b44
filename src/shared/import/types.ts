/**
 * The import wizard's vocabulary, shared by the core's importers (src/core/import), the IPC
 * contract and the app: which tools' exports can be imported, and why a file cannot be.
 */
export const SOURCE_KINDS = ['martus', 'uwazi', 'kobo', 'csv', 'jsonl'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Why a file cannot be an export at all (IMPORT.INVALID_FILE's `details.reason`). */
export const UNREADABLE_REASONS = ['empty', 'encoding', 'binary', 'unknown'] as const;
export type UnreadableReason = (typeof UNREADABLE_REASONS)[number];

/** Where a record sits in its export: a line (CSV, JSONL), a row (XLSX) or a record (XML). */
export interface ImportPosition {
  unit: 'line' | 'row' | 'record';
  at: number;
}

/** A record the importer refused, and the rule it broke (never text from the file). */
export interface ImportRejection {
  position: ImportPosition;
  reason: string;
}

/** An attachment the export names that could not be attached (the record was still imported). */
export interface ImportFileProblem {
  position: ImportPosition;
  /** Its place in the record's list of files, from 1. */
  file: number;
  reason: string;
}

/** The chosen export, as main holds it behind a ticket (the renderer never names a path). */
export interface ImportFileView {
  ticket: string;
  /** The file's name, without its folder. */
  name: string;
  size: number;
  /** What its content (or, failing that, its name) says it is; null when it says nothing. */
  detected: SourceKind | null;
  detectedBy: 'content' | 'extension' | null;
  /** Set when the file cannot be imported whatever the source chosen (or is none of them). */
  unreadable: UnreadableReason | null;
}

/** The dry run on the first records, as the wizard shows it. */
export interface ImportPreviewView {
  source: SourceKind;
  /** How many records the preview read (at most `limit`). */
  read: number;
  /** How many records a preview reads at most (the import reads them all). */
  limit: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
  withoutConsent: number;
  /** Testimony field -> the source fields it is read from; empty for the testimony formats. */
  mapping: Record<string, string[]>;
  sourceFields: string[];
  unmapped: string[];
  gathered: string[];
  /** The field consent is read from now, or null (consent "unknown"). */
  consentField: string | null;
  /** The testimony CSV/JSONL formats carry consent in their own fields: nothing to choose. */
  ownConsent: boolean;
  samples: {
    position: ImportPosition;
    title: string;
    lang: string;
    consent: string;
    files: number;
  }[];
  missingFiles: number;
}

/** The import's outcome. */
export interface ImportSummaryView {
  source: SourceKind;
  created: number;
  updated: number;
  unchanged: number;
  rejected: ImportRejection[];
  withoutConsent: number;
  attached: number;
  missingFiles: ImportFileProblem[];
  /** The created and updated testimonies (the archive can show them). */
  ids: string[];
}

/** How far an import has got (sent as `import.progress` events while it runs). */
export interface ImportProgressView {
  records: number;
  /** Bytes of the file read so far, or null when the reader cannot tell (.xlsx). */
  bytesRead: number | null;
  fileBytes: number;
}
