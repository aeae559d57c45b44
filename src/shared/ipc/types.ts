import type { AttachmentInfo } from '../attachments/types';
import type { Language } from '../i18n';
import type { ImportProgressView } from '../import/types';
import type { OcrProgress } from '../attachments/ocr';
import type { TeamSyncEvent } from './team';

/** Values that cross the IPC boundary (plain data: structured-clone safe). */

export type VaultState = 'absent' | 'locked' | 'unlocked';

export interface VaultStatus {
  state: VaultState;
}

export interface AppInfo {
  version: string;
  /** Origin of the media protocol (tvault-media://attachment in the app). */
  mediaOrigin: string;
  /** The panic-lock accelerator, for the help text (e.g. "CommandOrControl+Shift+L"). */
  panicShortcut: string;
}

export interface Settings {
  /** Lock after this many minutes without keyboard or mouse activity on the computer. */
  autoLockMinutes: number;
  language: Language;
  /**
   * Region for dates and numbers (ISO 3166 alpha-2, e.g. "MA": Moroccan month names in Arabic,
   * "نونبر"), or '' for the language's default. Absent in files written before it existed.
   */
  region?: string;
  /**
   * Recognise the text of images and scanned PDFs as soon as they are attached in the app
   * (docs/attachments.md, "Text from images"); off when absent. The CLI has `--ocr` instead.
   */
  ocrAfterAttach?: boolean;
  /**
   * Minutes between two team syncs while the vault is unlocked (docs/team.md, "In the app");
   * 5 when absent. Only used when the vault is in a team.
   */
  teamSyncMinutes?: number;
}

/** Why the vault was locked; shown to the user on the unlock screen. */
export const LOCK_REASONS = ['user', 'shortcut', 'idle', 'suspend', 'lock-screen', 'quit'] as const;
export type LockReason = (typeof LOCK_REASONS)[number];

/** An evidence file as the UI sees it (the attachment store's AttachmentInfo). */
export type AttachmentView = AttachmentInfo;

export interface ExtractResult {
  path: string;
  size: number;
  sha256: string;
  verified: true;
}

/** A highlighted excerpt: text plus [start, end) ranges (UTF-16 offsets) to mark. */
export interface Snippet {
  id: string;
  text: string;
  highlights: [number, number][];
}

/** Which records to share, whom to, and how (see exportRequestSchema in contract.ts). */
export interface ExportRequestInput {
  selection: { ids: string[] } | { query: string } | { all: true };
  to: string[];
  includeIdentities: boolean;
  withHistory: boolean;
  /** Ids of files of the exported testimonies that the sender chose not to send. */
  leaveOut?: string[];
  /** Send the original files with their metadata instead of cleaned copies. */
  keepMetadata?: boolean;
}

/** This vault's public identity, to give to partners, and the fingerprint to compare. */
export interface IdentityView {
  identity: string;
  fingerprint: string;
}

export type { PartnerView } from '../partners/types';

export type RefusalReason = 'consent-withdrawn' | 'consent-unknown' | 'archive-only';

/** How one exported record will read at the partner's (the vault's own copy never changes). */
export interface RedactionSample {
  id: string;
  title: string;
  narrator: string;
  excerpt: string;
  redacted: boolean;
  /** Exactly what the redaction replaces in this testimony: text as written, as sent, times. */
  replaced: { from: string; to: string; count: number }[];
}

/** A name part or marked passage that also appears inside other words, which are not replaced. */
export interface RedactionWarning {
  id: string;
  title: string;
  passage: string;
  forms: string[];
}

/**
 * How a file is sent (docs/attachments.md, "Cleaning on export"): `cleaned`, a copy without
 * identifying metadata; or as it is, because the sender keeps the metadata (`kept`), its type
 * is not cleaned (`format`) or it is too large to clean (`too-large`).
 */
export type FileSentAs = 'cleaned' | 'kept' | 'format' | 'too-large';

/** A file that an export sends unless the sender leaves it out. */
export interface ExportFileView {
  id: string;
  /** The name as stored (shown with its invisible characters made visible). */
  name: string;
  mime: string;
  size: number;
  sentAs: FileSentAs;
  /** Metadata fields read at attach time that can identify someone ("gps.latitude"). */
  identifying: string[];
}

/** The files of one exported testimony. */
export interface ExportRecordFiles {
  recordId: string;
  title: string;
  files: ExportFileView[];
}

export interface ExportPreviewView {
  recipients: { name: string; fingerprint: string; verified: boolean }[];
  records: number;
  attachments: number;
  refused: { id: string; title: string; reason: RefusalReason }[];
  needsConfirmation: boolean;
  samples: RedactionSample[];
  /** Forms of identifying text the redaction leaves, for every exported testimony. */
  warnings: RedactionWarning[];
  /** Every file of the exported testimonies, grouped by testimony. */
  files: ExportRecordFiles[];
}

export interface ExportResultView {
  path: string;
  records: number;
  attachments: number;
  refused: number;
  size: number;
}

/** What a bundle holds, after full verification (only its size if it is not for this vault). */
export type BundleReport =
  | { recipient: false; size: number }
  | {
      recipient: true;
      size: number;
      from: string | null;
      fingerprint: string;
      partnerVerified: boolean;
      createdAt: string;
      records: number;
      revisions: number;
      attachments: number;
      redacted: boolean;
      history: boolean;
      alreadyReceived: boolean;
    };

export interface ReceiveResultView {
  from: string;
  records: number;
  attachments: number;
  duplicates: number;
  alreadyReceived: boolean;
}

export interface EventPayloads {
  'vault.locked': { reason: LockReason };
  'bundles.progress': { phase: 'write' | 'verify' | 'import'; done: number; total: number };
  /** While the text of file `id` is recognised: the whole file's share, and for a PDF the page. */
  'attachments.ocrProgress': OcrProgress & { id: string };
  /** While the vault is verified or backed up (docs/custody.md). */
  'custody.progress': {
    task: 'verify' | 'backup';
    phase: 'records' | 'attachments' | 'log' | 'search' | 'database' | 'blobs';
    done: number;
    total: number;
  };
  /** While an export from another tool is imported (the import wizard). */
  'import.progress': ImportProgressView & { ticket: string };
  /** A team sync (at unlock, on schedule, or "Sync now"): started, finished or failed. */
  'team.sync': TeamSyncEvent;
}

/** A backup made from the app: where, and what the run copied (the copy was checked). */
export interface BackupResultView {
  folder: string;
  blobsCopied: number;
  blobsKept: number;
  blobsRemoved: number;
}
