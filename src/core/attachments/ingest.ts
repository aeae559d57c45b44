import { join } from 'node:path';
import { asKey } from '../crypto/keys';
import { randomBytes, wipe } from '../crypto/sodium';
import { ID_PATTERN, newId } from '../ids';
import { InvalidInputError } from '../../shared/errors';
import { removeBlob } from './blob-files';
import { writeBlob } from './blob-writer';
import { ContentCapture } from './capture';
import { attachmentIntegrity } from './errors';
import {
  type AttachmentMeta,
  checkDescription,
  checkName,
  checkSha256,
  checkSize,
  checkTimestamp,
} from './meta';
import { hasAvMetadata, readAvMetadata } from './metadata/av-metadata';
import { hasImageMetadata, readImageMetadata } from './metadata/read-metadata';
import { SNIFF_BYTES, sniffMime } from './mime';
import type { AttachmentRows } from './rows';
import { type ExtractedText, canExtractText, extractText } from './text/extract';
import { type AttachStreamMeta, type AttachmentInfo, type IngestOptions, toInfo } from './types';

/**
 * One attachment in (docs/attachments.md, "Ingest"): checks the metadata, streams the source
 * into an encrypted blob (blob-writer.ts), then sniffs the type, extracts text and inserts the
 * sealed row. The blob is complete on disk before the row is written; on any failure neither
 * is left, and the file key is wiped either way. The caller has checked the record exists.
 */
export async function ingest(
  target: { blobsDir: string; rows: AttachmentRows },
  recordId: string,
  source: AsyncIterable<Uint8Array>,
  meta: AttachStreamMeta,
  opts: IngestOptions,
  sizeHint: number | undefined,
): Promise<AttachmentInfo> {
  const { blobsDir, rows } = target;
  const iterable = source as { [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown };
  if (
    typeof iterable?.[Symbol.asyncIterator] !== 'function' &&
    typeof iterable?.[Symbol.iterator] !== 'function'
  )
    throw new InvalidInputError('An attachment source must be an iterable of bytes.');
  const name = checkName(meta?.name);
  const description = checkDescription(meta.description);
  const modifiedAt = checkTimestamp(meta.modifiedAt);
  const expectedSha256 = checkSha256(meta.expectedSha256);
  const expectedSize = checkSize(meta.expectedSize);
  const id = meta.id === undefined ? newId() : freshId(meta.id, rows);
  const fileKey = asKey(randomBytes(32), 'file');
  const capture = new ContentCapture();
  let content: Uint8Array | null = null;
  try {
    const written = await writeBlob({
      blobsDir,
      id,
      fileKey,
      source,
      capture,
      ...(opts.onProgress ? { onBytes: opts.onProgress } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.syncBatch ? { syncBatch: opts.syncBatch } : {}),
      ...(expectedSize !== undefined ? { maxSize: expectedSize } : {}),
      ...(typeof sizeHint === 'number' ? { sizeHint } : {}),
    });
    try {
      if (expectedSize !== undefined && written.size !== expectedSize)
        throw attachmentIntegrity(id, 'size');
      if (expectedSha256 !== undefined && written.sha256 !== expectedSha256)
        throw attachmentIntegrity(id, 'sha256');
      const mime = await sniffMime(capture.head, written.size <= SNIFF_BYTES, name, meta.mime);
      const embeddedMetadata = hasImageMetadata(mime)
        ? await readImageMetadata(capture.head)
        : hasAvMetadata(mime)
          ? // From the blob just written, with random access: the tags may be anywhere in it.
            await readAvMetadata(
              { id, path: join(blobsDir, id), fileKey, size: written.size },
              mime,
            )
          : null;
      content = capture.takeContent();
      const extracted = await textOf(mime, content, capture.tooLarge);
      const { text, skipped } = extracted;
      // A PDF's metadata comes from the text worker, which has the document open anyway.
      const metadata = embeddedMetadata ?? extracted.metadata ?? null;
      const stored: AttachmentMeta = {
        v: 1,
        blob: 1,
        name,
        size: written.size,
        sha256: written.sha256,
        mime,
        description,
        addedAt: new Date().toISOString(),
        modifiedAt,
        ...(skipped ? { textSkipped: skipped } : {}),
        ...(metadata ? { metadata } : {}),
      };
      rows.insert(recordId, id, fileKey, stored, text);
      return toInfo(id, recordId, stored, text !== null);
    } catch (error) {
      removeBlob(blobsDir, id);
      throw error;
    }
  } finally {
    wipe(fileKey);
    content?.fill(0);
  }
}

async function textOf(
  mime: string,
  content: Uint8Array | null,
  tooLarge: boolean,
): Promise<ExtractedText> {
  if (!canExtractText(mime)) return { text: null, skipped: null };
  if (content) return extractText(mime, content);
  return { text: null, skipped: tooLarge ? 'too-large' : null };
}

function freshId(id: string, rows: AttachmentRows): string {
  if (typeof id !== 'string' || !ID_PATTERN.test(id))
    throw new InvalidInputError('Invalid attachment id: expected 32 hex characters.');
  if (rows.exists(id)) throw new InvalidInputError(`An attachment with id ${id} already exists.`);
  return id;
}
