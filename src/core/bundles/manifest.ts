import { JSONParser } from '@streamparser/json';
import { z } from 'zod';
import { LimitExceededError } from '../../shared/errors';
import { LIMITS } from '../../shared/records/validate';
import { BundleMalformedError } from './errors';
import { parseBundleJson } from './json-worker';

/**
 * The manifest: the first thing inside the encrypted payload, signed by the sender. It lists
 * every entry that follows, in order, with its size and SHA-256, so that the recipient knows
 * before reading a byte of content what must arrive, and can tell if anything was added,
 * removed or changed. docs/bundle-format.md, "Manifest", is the specification.
 */
/**
 * A record entry is one revision's JSON (docs/bundle-format.md, "Limits"), so its limit is
 * the largest record that a person writes, not the largest that JSON could encode:
 *
 * - the body: at most 16 MiB of UTF-8 (LIMITS.bodyBytes);
 * - JSON's escapes: `"`, `\`, newline, tab and carriage return take two bytes; 1 MiB allows one
 *   in every sixteen bytes of a full body (lines of 16 bytes on average);
 * - every other field and the envelope: 1 MiB. The title, four short fields and 200 tags at
 *   their limits take at most 87 KB (three UTF-8 bytes per UTF-16 unit); the rest covers the
 *   notes and identifying passages of any real record.
 *
 * 18 MiB in all. The notes and identifying limits (1,000,000 characters; 1,000 passages of
 * 2,000) together with a full body, or a body made of control characters (six bytes each in
 * JSON), could encode larger: such a record cannot travel in one bundle, and the export says
 * so (LIMIT.EXCEEDED, export.ts) rather than write a bundle its recipient would refuse. Anything
 * larger is refused before it is read into memory; what is read is parsed on a worker thread
 * (json-worker.ts).
 */
export const MAX_RECORD_ENTRY_BYTES = LIMITS.bodyBytes + 2 * 1024 * 1024;
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

/** Names of what export cleaning removed (docs/bundle-format.md, "Cleaned files"). */
export const REMOVED_PARTS = [
  'app-segment',
  'comment',
  'exif',
  'iptc',
  'media-tags',
  'mpf',
  'pdf-id',
  'pdf-info',
  'png-text',
  'png-time',
  'tiff-tags',
  'trailer',
  'xmp',
] as const;

const attachmentEntry = z
  .strictObject({
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
    // A cleaned copy: the original the sender keeps, and what was removed from it.
    originalSize: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    originalSha256: z.string().regex(SHA256).optional(),
    metadataRemoved: z.array(z.enum(REMOVED_PARTS)).min(1).max(REMOVED_PARTS.length).optional(),
  })
  .refine(
    (e) =>
      (e.originalSize === undefined) === (e.originalSha256 === undefined) &&
      (e.originalSize === undefined) === (e.metadataRemoved === undefined),
    'originalSize, originalSha256 and metadataRemoved come together',
  );

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

/**
 * At most this many JSON values per manifest byte: the smallest entry (a record's, about 150
 * bytes with its 64-digit hash) holds six, one in 25 bytes, so one in 8 leaves a wide margin.
 */
const MANIFEST_BYTES_PER_VALUE = 8;

/**
 * Parses and validates the manifest bytes (authenticated by the payload cipher and, before
 * this runs, by the sender's signature): large ones on a worker thread (json-worker.ts).
 */
export async function parseManifest(
  bytes: Uint8Array,
): Promise<{ manifest: Manifest; counts: ManifestCounts }> {
  const value = await parseBundleJson(bytes, {
    what: 'the manifest',
    maxValues: 64 + Math.floor(bytes.length / MANIFEST_BYTES_PER_VALUE),
  });
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
