import { z } from 'zod';
import {
  type FileMetadata,
  MAX_METADATA_FIELDS,
  MAX_METADATA_VALUE_CHARS,
  METADATA_FAILURES,
  METADATA_FLAGS,
} from '../../shared/attachments/metadata';
import { OCR_FAILURES, OCR_LANGUAGES, type OcrRecord } from '../../shared/attachments/ocr';
import {
  type AttachmentFacts,
  TEXT_SKIP_REASONS,
  type TextSkipReason,
} from '../../shared/attachments/types';
import { InvalidInputError } from '../../shared/errors';
import { open, seal } from '../crypto/aead';
import { associatedData } from '../crypto/associated-data';
import { type AttachmentsKey, type FileKey, asKey } from '../crypto/keys';
import { pad, unpad } from '../crypto/padding';
import { openJson, sealJson } from '../records/codec';
import { BLOB_VERSION } from './blob-format';
import { attachmentIntegrity } from './errors';

/**
 * What an attachment row holds, all sealed (docs/attachments.md, "Rows"):
 * - wrapped_key: the attachment's random file key, sealed under the vault's attachments key;
 * - meta: this JSON, padded and sealed under the file key;
 * - extracted_text: the text for search, padded and sealed under the file key, or NULL.
 * Every one of them has associated data binding vault id, attachment id and record id, so a row
 * moved to another record, or a field copied from another row, fails to open.
 */
export interface AttachmentMeta extends AttachmentFacts {
  v: 1;
  /** Blob format version of blobs/<id>. */
  blob: typeof BLOB_VERSION;
  /** Why no text was extracted, when it could have been (absent in rows written before). */
  textSkipped?: TextSkipReason;
  /** Set once text recognition ran on an image: how the text was made, or why there is none. */
  ocr?: OcrRecord;
  /** What the file says about itself (EXIF, GPS, XMP, IPTC), read at attach time. */
  metadata?: FileMetadata;
}

/** Hostile names are kept as given, but not without bound. */
export const MAX_NAME_CHARS = 4096;
export const MAX_DESCRIPTION_CHARS = 20_000;

const metaSchema = z.object({
  v: z.literal(1),
  blob: z.literal(BLOB_VERSION),
  name: z.string().max(MAX_NAME_CHARS),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mime: z.string().max(255),
  description: z.string().max(MAX_DESCRIPTION_CHARS),
  addedAt: z.string(),
  modifiedAt: z.string().nullable(),
  textSkipped: z.enum(TEXT_SKIP_REASONS).optional(),
  ocr: z
    .object({
      engine: z.literal('tesseract.js'),
      version: z.string().max(64),
      languages: z.array(z.enum(OCR_LANGUAGES)).max(OCR_LANGUAGES.length),
      confidence: z.number().min(0).max(100),
      at: z.string().max(64),
      failed: z.enum(OCR_FAILURES).optional(),
      pages: z.number().int().nonnegative().optional(),
      failedPage: z.number().int().positive().optional(),
      pageCount: z.number().int().positive().optional(),
    })
    .optional(),
  metadata: z
    .object({
      fields: z
        .array(
          z.object({
            group: z.string().max(100),
            name: z.string().max(100),
            value: z.string().max(MAX_METADATA_VALUE_CHARS),
            flag: z.enum(METADATA_FLAGS).optional(),
          }),
        )
        .max(MAX_METADATA_FIELDS),
      failed: z.enum(METADATA_FAILURES).optional(),
      truncated: z.boolean().optional(),
    })
    .optional(),
});

export interface RowBinding {
  vaultId: string;
  attachmentId: string;
  recordId: string;
}

const ad = {
  key: (b: RowBinding) =>
    associatedData('tvault-attachment-key', 1, b.vaultId, b.attachmentId, b.recordId),
  meta: (b: RowBinding) =>
    associatedData('tvault-attachment-meta', 1, b.vaultId, b.attachmentId, b.recordId),
  text: (b: RowBinding) =>
    associatedData('tvault-attachment-text', 1, b.vaultId, b.attachmentId, b.recordId),
};

export function wrapFileKey(args: {
  attachmentsKey: AttachmentsKey;
  fileKey: FileKey;
  binding: RowBinding;
}): Uint8Array {
  return seal({ key: args.attachmentsKey, plain: args.fileKey, ad: ad.key(args.binding) });
}

export function unwrapFileKey(args: {
  attachmentsKey: AttachmentsKey;
  wrapped: Uint8Array;
  binding: RowBinding;
}): FileKey {
  const b = args.binding;
  const key = open({
    key: args.attachmentsKey,
    sealed: args.wrapped,
    ad: ad.key(b),
    subject: `the key of attachment ${b.attachmentId}`,
  });
  if (key.length !== 32) throw attachmentIntegrity(b.attachmentId, 'key');
  return asKey(key, 'file');
}

export function sealMeta(fileKey: FileKey, meta: AttachmentMeta, b: RowBinding): Uint8Array {
  return sealJson(fileKey, meta, ad.meta(b));
}

export function openMeta(fileKey: FileKey, sealed: Uint8Array, b: RowBinding): AttachmentMeta {
  const subject = `the metadata of attachment ${b.attachmentId}`;
  const parsed = metaSchema.safeParse(openJson<unknown>(fileKey, sealed, ad.meta(b), subject));
  if (!parsed.success) throw attachmentIntegrity(b.attachmentId, 'meta');
  return parsed.data;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function sealText(fileKey: FileKey, text: string, b: RowBinding): Uint8Array {
  return seal({ key: fileKey, plain: pad(encoder.encode(text)), ad: ad.text(b) });
}

export function openText(fileKey: FileKey, sealed: Uint8Array, b: RowBinding): string {
  const subject = `the text of attachment ${b.attachmentId}`;
  const bytes = unpad(open({ key: fileKey, sealed, ad: ad.text(b), subject }), subject);
  try {
    return decoder.decode(bytes);
  } catch {
    throw attachmentIntegrity(b.attachmentId, 'text');
  }
}

/**
 * Checks a caller-given name: any string (it is only ever metadata, never a path), bounded.
 * Lone surrogates survive: the JSON inside the ciphertext escapes them.
 */
export function checkName(name: unknown): string {
  if (typeof name !== 'string') throw new InvalidInputError('An attachment needs a file name.');
  if (name.length > MAX_NAME_CHARS)
    throw new InvalidInputError(`The file name is longer than ${MAX_NAME_CHARS} characters.`);
  return name;
}

export function checkDescription(description: unknown): string {
  if (description === undefined) return '';
  if (typeof description !== 'string') throw new InvalidInputError('The description must be text.');
  if (description.length > MAX_DESCRIPTION_CHARS)
    throw new InvalidInputError(
      `The description is longer than ${MAX_DESCRIPTION_CHARS} characters.`,
    );
  return description;
}

export function checkTimestamp(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || value.length > 64)
    throw new InvalidInputError('The file time must be an ISO 8601 date and time.');
  return value;
}

export function checkSha256(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[0-9a-fA-F]{64}$/.test(value))
    throw new InvalidInputError('The expected SHA-256 must be 64 hexadecimal characters.');
  return value.toLowerCase();
}

export function checkSize(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new InvalidInputError('The expected size must be a whole number of bytes.');
  return value;
}
