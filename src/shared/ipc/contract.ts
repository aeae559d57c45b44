import { z } from 'zod';
import { OCR_LANGUAGES } from '../attachments/ocr';
import type { SerializedError } from '../errors';
import { LANGUAGES } from '../i18n';
import {
  type ImportFileView,
  type ImportPreviewView,
  type ImportSummaryView,
  SOURCE_KINDS,
} from '../import/types';
import type { RecordSummary, TestimonyRecord } from '../records/types';
import type { CustodyEntry, CustodyReport, VerifyReport } from '../custody/types';
import { fieldsPatchSchema } from '../records/validate';
import type { Concept } from '../vocabulary/concept';
import type { Channel, EventName } from './channels';
import type {
  AppInfo,
  AttachmentView,
  BackupResultView,
  BundleReport,
  EventPayloads,
  ExportPreviewView,
  ExportResultView,
  ExtractResult,
  IdentityView,
  PartnerView,
  ReceiveResultView,
  Settings,
  Snippet,
  VaultStatus,
} from './types';
import type { ConflictHeadView, TeamConflictView, TeamStatusView, TeamSyncOutcome } from './team';

/**
 * THE IPC contract: every channel with the schema its request must pass (checked in main, never
 * trusted from the renderer) and the type of its reply. src/main registers exactly these,
 * src/preload exposes exactly these, tests drive exactly these.
 */

/** A reply type that exists only for the compiler. */
const reply = <T>() => undefined as unknown as T;

const id = z.string().regex(/^[0-9a-f]{32}$/, 'must be an id of 32 hex characters');
const none = z.strictObject({});
/** Upper bound for secrets typed by people: generous, but no megabyte strings into Argon2. */
const secret = z.string().min(1).max(1024);
/** One upload chunk; the renderer sends files in slices of this size at most. */
export const MAX_CHUNK_BYTES = 8 * 1024 * 1024;
const bytes = z.custom<Uint8Array>(
  (value) => value instanceof Uint8Array && value.byteLength <= MAX_CHUNK_BYTES,
  `must be bytes, at most ${MAX_CHUNK_BYTES} per chunk`,
);
const fileName = z
  .string()
  .min(1)
  .max(1024)
  .refine((s) => s.isWellFormed() && !s.includes('\u0000'), 'is not a valid file name');

const partnerName = z.string().min(1).max(100);
/** A recovery share as printed (TVS1- and groups); the core checks it and names a bad one. */
const shareText = z.string().min(1).max(200);

/** Which records to share, whom to, and how (the core applies the consent rules). */
export const exportRequestSchema = z.strictObject({
  selection: z.union([
    z.strictObject({ ids: z.array(id).min(1).max(1_000_000) }),
    z.strictObject({ query: z.string().min(1).max(1000) }),
    z.strictObject({ all: z.literal(true) }),
  ]),
  to: z.array(partnerName).min(1).max(255),
  includeIdentities: z.boolean(),
  withHistory: z.boolean(),
  leaveOut: z.array(id).max(1_000_000).optional(),
  keepMetadata: z.boolean().optional(),
});

/** What the wizard asks of an import: the chosen file (by ticket), its source, the consent field. */
const importRequestSchema = z.strictObject({
  ticket: id,
  from: z.enum(SOURCE_KINDS),
  /** The source field consent comes from; null: none ("unknown"); absent: as mapped. */
  consentField: z.string().min(1).max(500).nullable().optional(),
});

export const settingsSchema = z.strictObject({
  autoLockMinutes: z.number().int().min(1).max(240),
  language: z.enum(LANGUAGES),
  region: z
    .string()
    .regex(/^(?:[A-Z]{2})?$/)
    .optional(),
  ocrAfterAttach: z.boolean().optional(),
  teamSyncMinutes: z.number().int().min(1).max(240).optional(),
});

/**
 * A concept as the app's form sends it: only its shape and sizes are checked here, so that the
 * core's rules (docs/vocabulary.md) answer with VOCABULARY.INVALID and a reason the form can
 * show, not with a generic INPUT.INVALID.
 */
const conceptRequest = z.strictObject({
  id: z.string().max(200),
  prefLabel: z.record(z.string().max(35), z.string().max(1000)),
  altLabel: z.record(z.string().max(35), z.array(z.string().max(1000)).max(100)).optional(),
  scopeNote: z.record(z.string().max(35), z.string().max(10_000)).optional(),
});

export const contract = {
  'app.info': { request: none, response: reply<AppInfo>() },
  'vault.status': { request: none, response: reply<VaultStatus>() },
  'vault.create': {
    request: z.strictObject({ passphrase: secret }),
    response: reply<{ recoveryKey: string; status: VaultStatus }>(),
  },
  'vault.unlock': {
    request: z.union([
      z.strictObject({ passphrase: secret }),
      z.strictObject({ recoveryKey: secret }),
      z.strictObject({ shares: z.array(shareText).min(1).max(255) }),
    ]),
    response: reply<VaultStatus>(),
  },
  // The renderer may only claim the reasons a person can cause from inside the window.
  'vault.lock': {
    request: z.strictObject({ reason: z.enum(['user', 'shortcut']) }),
    response: reply<VaultStatus>(),
  },
  'vault.changePassphrase': {
    request: z.strictObject({ current: secret, next: secret }),
    response: reply<null>(),
  },
  'vault.verify': { request: none, response: reply<VerifyReport>() },
  // Like the passphrase change: the current passphrase first, so an unattended unlocked laptop
  // cannot be used to mint a new way in.
  'recovery.newKey': {
    request: z.strictObject({ current: secret }),
    response: reply<{ recoveryKey: string }>(),
  },
  'recovery.split': {
    request: z.strictObject({
      current: secret,
      shares: z.number().int().min(2).max(255),
      threshold: z.number().int().min(2).max(255),
    }),
    response: reply<{ splitId: string; threshold: number; count: number; shares: string[] }>(),
  },
  'custody.log': {
    request: z.strictObject({ recordId: id.optional() }),
    response: reply<CustodyEntry[]>(),
  },
  'custody.report': {
    request: z.strictObject({ recordId: id }),
    response: reply<{ report: CustodyReport; signature: string }>(),
  },
  /**
   * Asks where to save (system dialog in main) and writes the report: `json` writes the signed
   * JSON and its detached signature beside it (FILE.sig), `html` the printable page. Null when
   * the person cancelled.
   */
  'custody.saveReport': {
    request: z.strictObject({ recordId: id, form: z.enum(['json', 'html']) }),
    response: reply<{ files: string[] } | null>(),
  },
  /**
   * Asks for the backup folder (system dialog in main), copies the vault into it and checks
   * the copy; progress as `custody.progress` events. Null when the person cancelled.
   */
  'vault.backup': { request: none, response: reply<BackupResultView | null>() },
  /** Main puts one recovery share on the clipboard (the page has no clipboard permission). */
  'recovery.copyShare': {
    request: z.strictObject({ share: z.string().regex(/^TVS1(-[0-9A-Za-z]{1,4}){1,60}$/) }),
    response: reply<null>(),
  },
  'records.list': { request: none, response: reply<RecordSummary[]>() },
  'records.get': {
    request: z.strictObject({ id, revision: z.number().int().min(1).optional() }),
    response: reply<TestimonyRecord>(),
  },
  'records.add': {
    request: z.strictObject({ fields: fieldsPatchSchema }),
    response: reply<TestimonyRecord>(),
  },
  'records.update': {
    request: z.strictObject({ id, patch: fieldsPatchSchema }),
    response: reply<TestimonyRecord>(),
  },
  'records.history': { request: z.strictObject({ id }), response: reply<TestimonyRecord[]>() },
  /** A new revision equal to an old one (the history view's "Restore this version"). */
  'records.restore': {
    request: z.strictObject({ id, revision: z.number().int().min(1) }),
    response: reply<TestimonyRecord>(),
  },
  'records.delete': { request: z.strictObject({ id }), response: reply<null>() },
  'settings.get': { request: none, response: reply<Settings>() },
  'settings.set': { request: settingsSchema.partial(), response: reply<Settings>() },
  'attachments.list': {
    request: z.strictObject({ recordId: id }),
    response: reply<AttachmentView[]>(),
  },
  /**
   * Files (dropped, or chosen with the file input) arrive as chunks the renderer reads from the
   * File it holds: the renderer never names a path for main to open.
   */
  'attachments.uploadBegin': {
    request: z.strictObject({
      recordId: id,
      name: fileName,
      mime: z.string().max(255),
      size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      modifiedAt: z.iso.datetime().nullable(),
      description: z.string().max(2000).optional(),
    }),
    response: reply<{ uploadId: string }>(),
  },
  'attachments.uploadChunk': {
    request: z.strictObject({ uploadId: id, bytes }),
    response: reply<{ received: number }>(),
  },
  'attachments.uploadFinish': {
    request: z.strictObject({ uploadId: id }),
    response: reply<AttachmentView>(),
  },
  'attachments.uploadCancel': {
    request: z.strictObject({ uploadId: id }),
    response: reply<null>(),
  },
  /** Opens the system's save dialog in main; null when the person cancelled it. */
  'attachments.extract': {
    request: z.strictObject({ id }),
    response: reply<ExtractResult | null>(),
  },
  'attachments.detach': { request: z.strictObject({ id }), response: reply<null>() },
  /**
   * Text recognition of one image or PDF (docs/attachments.md, "Text from images"), in the
   * languages given or those of its testimony; the updated file, or OCR.FAILED for a file it
   * cannot read, or CANCELLED. Progress comes as `attachments.ocrProgress` events.
   */
  'attachments.ocr': {
    request: z.strictObject({
      id,
      languages: z.array(z.enum(OCR_LANGUAGES)).min(1).max(OCR_LANGUAGES.length).optional(),
    }),
    response: reply<AttachmentView>(),
  },
  /** Stops the recognition running on this file, if any (its call then fails with CANCELLED). */
  'attachments.ocrCancel': { request: z.strictObject({ id }), response: reply<null>() },
  'attachments.mediaUrl': { request: z.strictObject({ id }), response: reply<string>() },
  /** The decrypted search index segments, loaded into the renderer's worker after unlock. */
  'search.segments': { request: none, response: reply<{ segments: Uint8Array[] }>() },
  'search.snippets': {
    request: z.strictObject({
      ids: z.array(id).max(100),
      query: z.string().max(1000),
    }),
    response: reply<Snippet[]>(),
  },
  /** The ids (in order) whose text holds every quoted phrase of the query. */
  'search.verifyPhrases': {
    request: z.strictObject({
      ids: z.array(id).max(10_000),
      query: z.string().max(1000),
    }),
    response: reply<string[]>(),
  },
  'sharing.identity': { request: none, response: reply<IdentityView>() },
  /** Main puts the public identity on the clipboard (the page has no clipboard permission). */
  'sharing.copyIdentity': { request: none, response: reply<null>() },
  'partners.list': { request: none, response: reply<PartnerView[]>() },
  'partners.add': {
    request: z.strictObject({ name: partnerName, identity: z.string().min(1).max(4096) }),
    response: reply<PartnerView>(),
  },
  'partners.verify': {
    request: z.strictObject({ name: partnerName }),
    response: reply<PartnerView>(),
  },
  'partners.remove': { request: z.strictObject({ name: partnerName }), response: reply<null>() },
  'bundles.preview': { request: exportRequestSchema, response: reply<ExportPreviewView>() },
  /** Asks where to save (system dialog in main), then writes; null when the person cancelled. */
  'bundles.export': {
    request: exportRequestSchema.extend({ confirmed: z.boolean() }),
    response: reply<ExportResultView | null>(),
  },
  /**
   * Asks which bundle to open (system dialog in main) and verifies it completely; the path stays
   * in main behind a ticket. Null when the person cancelled.
   */
  'bundles.open': {
    request: none,
    response: reply<{ ticket: string; report: BundleReport } | null>(),
  },
  'bundles.receive': {
    request: z.strictObject({
      ticket: id,
      acceptUnknownSender: z.string().max(200).optional(),
    }),
    response: reply<ReceiveResultView>(),
  },
  'vocabulary.list': { request: none, response: reply<Concept[]>() },
  /** Adds a concept (`isNew`: an id already taken is refused) or replaces the one with its id. */
  'vocabulary.save': {
    request: z.strictObject({ concept: conceptRequest, isNew: z.boolean() }),
    response: reply<Concept>(),
  },
  'vocabulary.remove': {
    request: z.strictObject({ id: z.string().min(1).max(64) }),
    response: reply<null>(),
  },
  /**
   * Asks which file to import (system dialog in main, JSON or CSV) and merges it, all or
   * nothing; VOCABULARY.INVALID names the file and the problem. Null when cancelled.
   */
  'vocabulary.import': {
    request: none,
    response: reply<{ file: string; added: number; replaced: number; total: number } | null>(),
  },
  /** Asks where to save (system dialog in main) and writes every concept; null when cancelled. */
  'vocabulary.export': {
    request: z.strictObject({ format: z.enum(['json', 'csv']) }),
    response: reply<{ file: string; concepts: number } | null>(),
  },
  /**
   * Asks which export to import (system dialog in main) and sniffs what made it; the path stays
   * in main behind a ticket. Null when the person cancelled.
   */
  'import.chooseFile': { request: none, response: reply<ImportFileView | null>() },
  /** A mapping file (JSON) for the chosen export; null when cancelled. Checked by the preview. */
  'import.chooseMapping': {
    request: z.strictObject({ ticket: id }),
    response: reply<{ name: string } | null>(),
  },
  /** The folder holding the files the export names; null when cancelled. */
  'import.chooseFilesFolder': {
    request: z.strictObject({ ticket: id }),
    response: reply<{ name: string } | null>(),
  },
  /** The dry run on the first records: nothing is written. */
  'import.preview': { request: importRequestSchema, response: reply<ImportPreviewView>() },
  /**
   * Imports the whole export, all or nothing, with `import.progress` events; CANCELLED when
   * `import.cancel` stopped it (then nothing was imported or updated).
   */
  'import.start': { request: importRequestSchema, response: reply<ImportSummaryView>() },
  'import.cancel': { request: z.strictObject({ ticket: id }), response: reply<null>() },
  /** The team, members with fingerprints, the scheduled sync's state (docs/team.md). */
  'team.status': { request: none, response: reply<TeamStatusView>() },
  /** Syncs now (or joins the sync running); a failure is the outcome, not an exception. */
  'team.sync': { request: none, response: reply<TeamSyncOutcome>() },
  'team.conflicts': { request: none, response: reply<TeamConflictView[]>() },
  /** The heads of one record in conflict, whole, to compare side by side. */
  'team.conflict': { request: z.strictObject({ id }), response: reply<ConflictHeadView[]>() },
  /** Keeps one head (a new revision naming every head), published to the team at once. */
  'team.resolve': {
    request: z.strictObject({ id, keep: z.string().regex(/^[0-9a-f]{32}$/) }),
    response: reply<{ revision: string }>(),
  },
} as const satisfies Record<Channel, { request: z.ZodType; response: unknown }>;

// Both lists must name the same channels: a channel in one and not the other fails to compile.
type ContractChannel = keyof typeof contract;
type _SameChannels = [ContractChannel] extends [Channel]
  ? [Channel] extends [ContractChannel]
    ? true
    : never
  : never;
export const _sameChannels: _SameChannels = true;

export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof contract)[C]['request']>;
export type ResponseOf<C extends Channel> = (typeof contract)[C]['response'];

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: SerializedError };

/** What the preload puts on window.vault: one function per channel, plus event subscription. */
export type VaultBridge = {
  readonly [C in Channel]: (request: RequestOf<C>) => Promise<Envelope<ResponseOf<C>>>;
} & {
  readonly on: <E extends EventName>(
    event: E,
    listener: (payload: EventPayloads[E]) => void,
  ) => () => void;
};
