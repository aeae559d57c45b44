import { createHash } from 'node:crypto';
import {
  InvalidInputError,
  LimitExceededError,
  RecordNotFoundError,
  VaultError,
} from '../../shared/errors';
import { checkOutputPath } from '../fs/output-path';
import type { RecordSummary, TestimonyRecord } from '../../shared/records/types';
import { validateFields } from '../../shared/records/validate';
import { type UncleanedReason, cleaningPlan } from '../attachments/clean/clean-file';
import { newId } from '../ids';
import { fingerprintOf, parseIdentity } from '../identity/public-identity';
import { fileSha256 } from '../custody/file-hash';
import type { Partner } from '../partners/partner-store';
import type { Vault } from '../vault/vault';
import { writeBundle } from './bundle-writer';
import { REFUSAL_TEXT, type RefusalReason, applyConsentRules, mustRedact } from './consent';
import { ExportRefusedError, type Refusal } from './errors';
import {
  type AttachmentEntry,
  type ManifestEntry,
  MAX_RECORD_ENTRY_BYTES,
  type RecordEntry,
  checkManifestStructure,
  manifestEntriesSchema,
} from './manifest';
import { ExportedFiles, type SentFile } from './exported-files';
import { encodeRevision } from './record-json';
import { type RecordRedaction, Redactor, redactRevision } from './redact';

/** Which records to export: exactly one of the three. */
export interface ExportSelection {
  ids?: string[];
  all?: boolean;
  query?: string;
}

export interface ExportRequest extends ExportSelection {
  /** Partner names. */
  to: string[];
  /** Keep narrators and identifying passages (never for 'publish-anonymised' records). */
  includeIdentities?: boolean;
  /** Send every revision, not only the latest. */
  withHistory?: boolean;
  /**
   * Ids of files (attachments of the exported records) to leave out: they are not in the
   * bundle at all, not even as a manifest entry. A file is otherwise sent as it is.
   */
  leaveOut?: string[];
  /**
   * Send the files as they are, with their metadata (GPS, device, author...). By default they
   * go as cleaned copies (docs/attachments.md, "Cleaning on export").
   */
  keepMetadata?: boolean;
}

/** A file an export will send, unless it is left out. */
export interface FileToSend {
  id: string;
  recordId: string;
  /** As stored in the vault (shown to the sender; the bundle carries the redacted name). */
  name: string;
  mime: string;
  size: number;
  leftOut: boolean;
  /**
   * How it goes: `cleaned` (a copy without identifying metadata), or as it is because the
   * sender keeps the metadata (`kept`), its format is not cleaned (`format`) or it is too
   * large to clean (`too-large`).
   */
  sending: 'cleaned' | 'kept' | UncleanedReason;
  /**
   * The metadata fields read at attach time that can identify someone ("gps.latitude"): the
   * warning shown when the file goes with its metadata.
   */
  identifying: string[];
}

export interface ExportPreview {
  recipients: Pick<Partner, 'name' | 'fingerprint' | 'verified'>[];
  /** Ids of the records that will be exported. */
  records: string[];
  /** How many files will be sent (those left out not counted). */
  attachments: number;
  /** Every file of the exported records, in record order, each marked if left out. */
  files: FileToSend[];
  refused: (Refusal & { reason: RefusalReason })[];
  /** True when the user must confirm: records were refused, or a recipient is unverified. */
  needsConfirmation: boolean;
}

export interface ExportOptions extends ExportRequest {
  out: string;
  force?: boolean;
  /** The user saw the preview (refusals, unverified partners) and agreed. */
  confirmed?: boolean;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  signal?: AbortSignal;
}

export interface ExportResult {
  bundle: string;
  bundleId: string;
  records: number;
  attachments: number;
  refused: Refusal[];
  size: number;
  /** How each file went: what cleaning removed, or why it went as it is and what it carries. */
  files: SentFileReport[];
}

export interface SentFileReport {
  id: string;
  /** As stored in the sender's vault. */
  name: string;
  /** `cleaned` also when the file carried nothing to remove (`removed` empty). */
  sending: FileToSend['sending'];
  removed: string[];
  /** For a file sent with its metadata: the fields read at attach time that can identify. */
  identifying: string[];
}

function selectIds(vault: Vault, selection: ExportSelection): string[] {
  const given = [
    selection.ids !== undefined,
    selection.all === true,
    selection.query !== undefined,
  ];
  if (given.filter(Boolean).length !== 1) {
    throw new InvalidInputError('Choose the records to export: ids, a search query, or all.');
  }
  if (selection.all) return vault.records.ids();
  if (selection.query !== undefined) {
    if (!selection.query.trim()) throw new InvalidInputError('The search query is empty.');
    return vault.search.matchingIds(selection.query);
  }
  const ids = (selection.ids ?? []).map((id) => vault.records.resolveId(id));
  // A full id resolves without a lookup: an unknown one is "not found", not "refused".
  for (const id of ids) if (!vault.records.exists(id)) throw new RecordNotFoundError(id);
  if (ids.length === 0) throw new InvalidInputError('No record ids were given.');
  return [...new Set(ids)];
}

function recipientsOf(vault: Vault, names: string[]): Partner[] {
  const unique = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  if (unique.length === 0) throw new InvalidInputError('Name at least one partner to send to.');
  if (unique.length > 255) throw new InvalidInputError('A bundle can have at most 255 recipients.');
  const partners = unique.map((name) => vault.partners.get(name));
  return [...new Map(partners.map((p) => [p.id, p])).values()];
}

/**
 * The files of the exported records, each marked if the sender chose to leave it out. A file to
 * leave out that is not one of them is an error: the person meant some file, and it is not the
 * one they think (nothing is exported until they choose again).
 */
function filesOf(
  vault: Vault,
  exportable: RecordSummary[],
  leaveOut: string[],
  keepMetadata: boolean,
): FileToSend[] {
  const out = new Set(leaveOut);
  const files: FileToSend[] = [];
  for (const summary of exportable) {
    if (summary.attachmentCount === 0) continue;
    for (const info of vault.attachments.list(summary.id)) {
      const sending = keepMetadata ? 'kept' : (cleaningPlan(info.mime, info.size) ?? 'cleaned');
      files.push({
        id: info.id,
        recordId: summary.id,
        name: info.name,
        mime: info.mime,
        size: info.size,
        leftOut: out.has(info.id),
        sending,
        identifying: (info.metadata?.fields ?? [])
          .filter((f) => f.flag !== undefined)
          .map((f) => `${f.group}.${f.name}`),
      });
    }
  }
  const known = new Set(files.map((f) => f.id));
  const unknown = [...out].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new InvalidInputError(
      `${unknown.length} file(s) to leave out are not among the files of the testimonies being exported: ${unknown.join(', ')}.`,
      { leaveOut: unknown },
    );
  }
  return files;
}

/** What an export would do, without doing it: for the confirmation the user must give. */
export function previewExport(vault: Vault, request: ExportRequest): ExportPreview {
  const recipients = recipientsOf(vault, request.to);
  const ids = selectIds(vault, request);
  const summaries = new Map(vault.records.list().map((s) => [s.id, s]));
  const selected = ids.map((id) => summaries.get(id)).filter((s) => s !== undefined);
  const { exportable, refused } = applyConsentRules(selected);
  const files = filesOf(vault, exportable, request.leaveOut ?? [], request.keepMetadata === true);
  return {
    recipients: recipients.map((p) => ({
      name: p.name,
      fingerprint: p.fingerprint,
      verified: p.verified,
    })),
    records: exportable.map((s) => s.id),
    attachments: files.filter((f) => !f.leftOut).length,
    files,
    refused: refused as ExportPreview['refused'],
    needsConfirmation: refused.length > 0 || recipients.some((p) => !p.verified),
  };
}

/**
 * The export rules on a preview: EXPORT.REFUSED when consent leaves nothing to export, or when
 * the export needs a confirmation (records refused, a recipient not verified) not given. Called
 * by exportBundle, and by an adapter that wants to refuse before it asks where to save.
 */
export function assertExportAllowed(preview: ExportPreview, confirmed: boolean): void {
  if (preview.records.length === 0) {
    throw new ExportRefusedError(
      `Nothing can be exported: every selected record is refused by its consent.\n${describeRefusals(preview.refused)}`,
      preview.refused,
    );
  }
  if (preview.needsConfirmation && !confirmed) {
    const unverified = preview.recipients.filter((r) => !r.verified).map((r) => r.name);
    const lines = ['The export needs your confirmation; nothing was written.'];
    if (preview.refused.length) {
      lines.push(`${preview.refused.length} record(s) will not be exported:`);
      lines.push(describeRefusals(preview.refused));
    }
    if (unverified.length) {
      lines.push(`Fingerprint not verified for: ${unverified.join(', ')}.`);
    }
    throw new ExportRefusedError(lines.join('\n'), preview.refused);
  }
}

/** Renders refusals for a person: one line per record, id and reason. */
export function describeRefusals(refused: Refusal[]): string {
  return refused
    .map((r) => `  ${r.id}: ${REFUSAL_TEXT[r.reason as RefusalReason] ?? r.reason}`)
    .join('\n');
}

/**
 * The exported form of each record: its revisions (redacted or not) as bundle JSON. Computed
 * twice per export (once for the manifest's sizes and hashes, once to write), so nothing but
 * hashes is held in memory; the redactor's pseudonyms are fixed by the first pass.
 */
class ExportedRecords {
  readonly #redactor = new Redactor();
  #cache: {
    id: string;
    revisions: Map<number, Uint8Array>;
    redaction: RecordRedaction | null;
  } | null = null;

  constructor(
    private readonly vault: Vault,
    private readonly includeIdentities: boolean,
    private readonly withHistory: boolean,
  ) {}

  /** The record's exported revisions (oldest first) and the redaction applied to it. */
  load(id: string): { revisions: Map<number, Uint8Array>; redaction: RecordRedaction | null } {
    if (this.#cache?.id === id) return this.#cache;
    const all = this.vault.records.revisions(id);
    const head = all[all.length - 1]!;
    const redaction = mustRedact(head.consent, this.includeIdentities)
      ? this.#redactor.forRecord(all)
      : null;
    const revisions = new Map<number, Uint8Array>();
    for (const revision of this.withHistory ? all : [head]) {
      revisions.set(revision.revision, encodeRevision(this.#exported(revision, redaction)));
    }
    this.#cache = { id, revisions, redaction };
    return this.#cache;
  }

  #exported(revision: TestimonyRecord, redaction: RecordRedaction | null): TestimonyRecord {
    const copy = redaction
      ? redactRevision(revision, redaction)
      : { ...revision, provenance: null };
    const { id, revision: _n, createdAt: _c, updatedAt: _u, provenance: _p, ...fields } = copy;
    try {
      validateFields(fields);
    } catch (error) {
      if (error instanceof VaultError) {
        throw new InvalidInputError(
          `Record ${id} cannot be exported: after redaction it is no longer a valid record (${String(error.details.fields ?? 'fields')}). Shorten its identifying passages or edit it.`,
          { id },
        );
      }
      throw error;
    }
    return copy;
  }
}

function report(file: FileToSend): SentFileReport {
  return {
    id: file.id,
    name: file.name,
    sending: file.sending,
    removed: [],
    identifying: file.identifying,
  };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Exports records to partners as one signed, encrypted bundle. Records refused by the consent
 * rules are left out and listed; if any were refused, or a recipient's fingerprint was never
 * verified, the export goes on only with `confirmed: true` (else EXPORT.REFUSED, nothing
 * written). Redaction is the default; the vault's own records are never changed.
 */
export async function exportBundle(vault: Vault, options: ExportOptions): Promise<ExportResult> {
  const out = checkOutputPath(options.out, {
    vaultDir: vault.dir,
    force: options.force === true,
    what: 'the bundle',
  });
  const preview = previewExport(vault, options);
  const recipients = recipientsOf(vault, options.to);
  assertExportAllowed(preview, options.confirmed === true);

  const includeIdentities = options.includeIdentities === true;
  const withHistory = options.withHistory === true;
  const exported = new ExportedRecords(vault, includeIdentities, withHistory);
  const files = new ExportedFiles(
    (id, range) => vault.attachments.readStream(id, range),
    options.keepMetadata === true,
  );
  const sent: SentFile[] = [];
  const entries: ManifestEntry[] = [];
  const leftOut = new Set(preview.files.filter((f) => f.leftOut).map((f) => f.id));
  let allRedacted = true;
  for (const id of preview.records) {
    const { revisions, redaction } = exported.load(id);
    if (!redaction) allRedacted = false;
    for (const [revision, bytes] of revisions) {
      if (bytes.length > MAX_RECORD_ENTRY_BYTES) throw recordTooLarge();
      const entry: RecordEntry = {
        kind: 'record',
        id,
        revision,
        size: bytes.length,
        sha256: sha256(bytes),
      };
      entries.push(entry);
    }
    for (const info of vault.attachments.list(id)) {
      if (leftOut.has(info.id)) continue;
      const r = redaction ? redaction.apply : (text: string) => text;
      const file = await files.plan(info);
      sent.push(file);
      const entry: AttachmentEntry = {
        kind: 'attachment',
        id: info.id,
        recordId: id,
        ...(file.form === 'cleaned'
          ? { size: file.size, sha256: file.sha256 }
          : { size: info.size, sha256: info.sha256 }),
        name: r(info.name),
        mime: info.mime,
        modifiedAt: info.modifiedAt,
        addedAt: info.addedAt,
        description: r(info.description),
        ...(file.form === 'cleaned'
          ? {
              originalSize: info.size,
              originalSha256: info.sha256,
              metadataRemoved: file.removed,
            }
          : {}),
      };
      entries.push(entry);
    }
  }

  // The receiver will hold the manifest to these rules; check them before writing anything
  // (a redacted description can outgrow its limit).
  if (!manifestEntriesSchema.safeParse(entries).success) {
    throw new InvalidInputError(
      'These records cannot be exported: an attachment name or description is too long after redaction.',
    );
  }
  checkManifestStructure({ entries });

  const bundleId = newId();
  const { size } = await writeBundle({
    out,
    force: options.force === true,
    recipients: recipients.map((p) => parseIdentity(p.identity).boxKey),
    signer: {
      identity: vault.identity.identityString(),
      sign: (message) => vault.identity.sign(message),
    },
    bundleId,
    createdAt: new Date().toISOString(),
    redacted: allRedacted,
    history: withHistory,
    entries,
    content(entry) {
      if (entry.kind === 'attachment') return files.content(entry.id);
      const bytes = exported.load(entry.id).revisions.get(entry.revision);
      return (async function* () {
        if (bytes) yield bytes;
      })();
    },
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  vault.noteCustody({
    action: 'bundle.exported',
    records: preview.records,
    detail: {
      bundle: bundleId,
      sha256: await fileSha256(out),
      size,
      to: recipients.map((p) => `${p.name} (${fingerprintOf(parseIdentity(p.identity))})`),
      attachments: entries.filter((e) => e.kind === 'attachment').map((e) => e.id),
      leftOut: [...leftOut],
      // Both fingerprints of each cleaned file: the original kept here and the copy sent.
      cleaned: entries.flatMap((e) =>
        e.kind === 'attachment' && e.originalSha256 !== undefined
          ? [
              `${e.id} original=${e.originalSha256} sent=${e.sha256} removed=${(e.metadataRemoved ?? []).join(',')}`,
            ]
          : [],
      ),
      // Files sent with whatever metadata they carry, and why.
      uncleaned: sent.flatMap((f) =>
        f.form === 'original' && f.uncleaned !== null ? [`${f.id} ${f.uncleaned}`] : [],
      ),
      redacted: allRedacted,
      history: withHistory,
    },
  });
  return {
    bundle: out,
    bundleId,
    records: preview.records.length,
    attachments: entries.filter((e) => e.kind === 'attachment').length,
    refused: preview.refused,
    size,
    files: sent.map((file) => {
      const planned = preview.files.find((f) => f.id === file.id)!;
      if (file.form === 'cleaned')
        return { ...report(planned), sending: 'cleaned', removed: file.removed, identifying: [] };
      if (file.uncleaned === null)
        return { ...report(planned), sending: 'cleaned', removed: [], identifying: [] };
      return { ...report(planned), sending: file.uncleaned, removed: [] };
    }),
  };
}

/**
 * A record whose JSON exceeds a record entry's limit (manifest.ts, MAX_RECORD_ENTRY_BYTES): its
 * recipient would refuse the bundle, so none is written. The message names no content.
 */
function recordTooLarge(): LimitExceededError {
  const mib = MAX_RECORD_ENTRY_BYTES / (1024 * 1024);
  return new LimitExceededError(
    'record-entry-bytes',
    MAX_RECORD_ENTRY_BYTES,
    `A testimony in this export takes more than ${mib} MiB once encoded (its text, notes and identifying passages together), more than a bundle can carry. Shorten its notes or identifying passages, or share it another way.`,
  );
}
