import { JSONParser } from '@streamparser/json';
import { z } from 'zod';
import { LimitExceededError } from '../../shared/errors';
import { BundleMalformedError } from './errors';
import { withinJsonDepth } from './json-depth';

/**
 * The manifest: the first thing inside the encrypted payload, signed by the sender. It lists
 * every entry that follows, in order, with its size and SHA-256, so that the recipient knows
 * before reading a byte of content what must arrive, and can tell if anything was added,
 * removed or changed. docs/bundle-format.md, "Manifest", is the specification.
 */
/**
 * A record entry is one revision's JSON: a body of at most 16 MiB (LIMITS.bodyBytes) plus the
 * other fields and JSON's escapes. Anything larger is refused before it is read into memory.
 */
export const MAX_RECORD_ENTRY_BYTES = 24 * 1024 * 1024;
/**
 * Each attachment costs the receiver a blob file, a row and a sealed key; a bundle of 10,000
 * tiny files took 9 minutes to receive. Past this the bundle is refused before anything is
 * written, with LIMIT.EXCEEDED; an export above it is refused the same way (split it).
 */
export const MAX_BUNDLE_ATTACHMENTS = 2000;
const ID = /^[0-9a-f]{32}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.isWellFormed(), 'is not valid Unicode');

export const isoTime = z
  .string()
  .regex(ISO_TIME)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real time');

const recordEntry = z.strictObject({
  kind: z.literal('record'),
  id: z.string().regex(ID),
  revision: z.number().int().min(1).max(1_000_000),
  size: z.number().int().min(2).max(MAX_RECORD_ENTRY_BYTES),
  sha256: z.string().regex(SHA256),
});

const attachmentEntry = z.strictObject({
  kind: z.literal('attachment'),
  id: z.string().regex(ID),
  recordId: z.string().regex(ID),
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  sha256: z.string().regex(SHA256),
  name: text(4096),
  mime: text(255),
  modifiedAt: isoTime.nullable(),
  addedAt: isoTime,
  description: text(20_000),
});

export const manifestSchema = z.strictObject({
  format: z.literal('tvault-bundle'),
  version: z.literal(1),
  bundleId: z.string().regex(ID),
  createdAt: isoTime,
  sender: z.string().max(1000),
  redacted: z.boolean(),
  history: z.boolean(),
  entries: z.array(z.discriminatedUnion('kind', [recordEntry, attachmentEntry])).min(1),
});

export const manifestEntriesSchema = manifestSchema.shape.entries;

export type RecordEntry = z.infer<typeof recordEntry>;
export type AttachmentEntry = z.infer<typeof attachmentEntry>;
export type ManifestEntry = RecordEntry | AttachmentEntry;
export type Manifest = z.infer<typeof manifestSchema>;

export interface ManifestCounts {
  records: number;
  revisions: number;
  attachments: number;
  /** Total content bytes of all entries. */
  bytes: number;
}

/**
 * Checks the rules a schema cannot say: each record's revisions are contiguous and increasing,
 * no record or attachment appears twice, every attachment follows its record.
 */
export function checkManifestStructure(manifest: Pick<Manifest, 'entries'>): ManifestCounts {
  const records = new Set<string>();
  const attachments = new Set<string>();
  // The record whose revisions are being listed (null after an attachment).
  let current = null as { id: string; revision: number } | null;
  let revisions = 0;
  let bytes = 0;
  for (const entry of manifest.entries) {
    bytes += entry.size;
    if (entry.kind === 'record') {
      revisions += 1;
      if (current?.id === entry.id) {
        if (entry.revision <= current.revision) {
          throw new BundleMalformedError('revisions of a record are out of order', {
            id: entry.id,
          });
        }
        current.revision = entry.revision;
        continue;
      }
      if (records.has(entry.id))
        throw new BundleMalformedError('a record is listed twice', { id: entry.id });
      records.add(entry.id);
      current = { id: entry.id, revision: entry.revision };
    } else {
      if (attachments.has(entry.id))
        throw new BundleMalformedError('an attachment is listed twice', { id: entry.id });
      if (!records.has(entry.recordId)) {
        throw new BundleMalformedError('an attachment comes before its record', { id: entry.id });
      }
      attachments.add(entry.id);
      current = null;
    }
  }
  if (!Number.isSafeInteger(bytes)) throw new BundleMalformedError('the bundle is too large');
  if (attachments.size > MAX_BUNDLE_ATTACHMENTS)
    throw new LimitExceededError(
      'attachments-per-bundle',
      MAX_BUNDLE_ATTACHMENTS,
      `A bundle holds at most ${MAX_BUNDLE_ATTACHMENTS} files; this one has ${attachments.size}. Ask the sender to split it.`,
    );
  if (records.size === 0) throw new BundleMalformedError('it holds no record');
  return { records: records.size, revisions, attachments: attachments.size, bytes };
}

/** Parses and validates the manifest bytes (already authenticated by the payload cipher). */
export function parseManifest(bytes: Uint8Array): { manifest: Manifest; counts: ManifestCounts } {
  if (!withinJsonDepth(bytes)) throw new BundleMalformedError('the manifest nests too deeply');
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new BundleMalformedError('the manifest is not valid UTF-8 JSON');
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) {
    throw new BundleMalformedError('the manifest does not follow the format', {
      fields: parsed.error.issues.slice(0, 5).map((i) => i.path.join('.')),
    });
  }
  return { manifest: parsed.data, counts: checkManifestStructure(parsed.data) };
}

/**
 * How far into the manifest its `sender` member must end (docs/bundle-format.md, "Manifest").
 * Writers put it before `entries`, after four short members, so it ends within a few hundred
 * bytes; an identity string is at most 1,000 characters.
 */
export const SENDER_WINDOW_BYTES = 16 * 1024;

/**
 * The sender field, read before anything else so that the signature is checked before the
 * manifest is parsed: these are bytes anyone can write, up to 16 MiB. Only the first
 * SENDER_WINDOW_BYTES are looked at, by a streaming JSON parser that keeps nothing but the
 * top-level `sender` string; the full parse (parseManifest) comes after the signature and
 * must find the same sender (openBundle checks).
 */
export function senderOf(bytes: Uint8Array): string {
  let sender: unknown;
  const parser = new JSONParser({ paths: ['$.sender'], keepStack: false });
  parser.onValue = ({ value }) => {
    sender ??= value;
  };
  // A syntax error is reported below as "no sender"; the full parse names it later if needed.
  parser.onError = () => undefined;
  parser.write(bytes.subarray(0, SENDER_WINDOW_BYTES));
  if (typeof sender === 'string') return sender;
  throw new BundleMalformedError(
    `the manifest names no sender in its first ${SENDER_WINDOW_BYTES / 1024} KiB`,
  );
}
