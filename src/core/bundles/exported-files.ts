import { createHash } from 'node:crypto';
import type { AttachmentInfo } from '../../shared/attachments/types';
import { IntegrityError } from '../../shared/errors';
import {
  type CleanEdits,
  type CleanableFormat,
  type CleanedCopy,
  DamagedFileError,
  MAX_CLEAN_BYTES,
  type RemovedPart,
  type StreamedFormat,
  type UncleanedReason,
  cleanBytes,
  isStreamed,
  planEdits,
  sniffCleanable,
  streamEdits,
} from '../attachments/clean/clean-file';
import { windowedReader } from '../attachments/clean/edits';
import { ExportRefusedError } from './errors';

type Read = (id: string, range?: { start: number; end: number }) => AsyncIterable<Uint8Array>;

/** How one file goes into a bundle. */
export type SentFile =
  | { id: string; form: 'cleaned'; size: number; sha256: string; removed: RemovedPart[] }
  /** The original bytes: nothing to remove, --keep-metadata, or a format that is not cleaned. */
  | { id: string; form: 'original'; uncleaned: UncleanedReason | 'kept' | null };

/** Pieces the cleaned copy is handed to the bundle writer in. */
const PIECE = 1024 * 1024;

/**
 * The files of an export, cleaned of identifying metadata unless the sender keeps it
 * (docs/attachments.md, "Cleaning on export"). Like the records, a cleaned copy is made twice:
 * once to hash it for the manifest, once to write it; cleaning is deterministic and the bundle
 * writer checks the second copy against the first hash. An image or PDF is cleaned in memory,
 * one file at a time; audio and video are cleaned as they stream from the blob (edits found
 * from their headers, kept between the passes), so memory does not grow with the file. Nothing
 * is written to disk in the clear.
 */
export class ExportedFiles {
  readonly #sent = new Map<string, SentFile>();
  /** The edits of each audio or video file sent cleaned, for the second pass. */
  readonly #edits = new Map<string, CleanEdits>();

  constructor(
    private readonly read: Read,
    private readonly keepMetadata: boolean,
  ) {}

  /** First pass: decides how the file goes and, for a cleaned copy, its size and SHA-256. */
  async plan(info: AttachmentInfo): Promise<SentFile> {
    const sent = await this.#decide(info);
    this.#sent.set(info.id, sent);
    return sent;
  }

  async #decide(info: AttachmentInfo): Promise<SentFile> {
    const original = (uncleaned: UncleanedReason | 'kept' | null): SentFile => ({
      id: info.id,
      form: 'original',
      uncleaned,
    });
    if (this.keepMetadata) return original('kept');
    if (info.size === 0) return original('format');
    const head = await collect(this.read(info.id, { start: 0, end: Math.min(info.size, 16) - 1 }));
    const format = sniffCleanable(head);
    if (format === null) return original('format');
    if (isStreamed(format)) return this.#stream(info, format);
    if (info.size > MAX_CLEAN_BYTES) return original('too-large');
    const copy = await this.#clean(info.id);
    if (copy === null || copy.removed.length === 0) return original(null);
    return {
      id: info.id,
      form: 'cleaned',
      size: copy.bytes.length,
      sha256: createHash('sha256').update(copy.bytes).digest('hex'),
      removed: copy.removed,
    };
  }

  /**
   * An audio or video file: its edits, then one pass over the blob that hashes the original
   * (checked against the vault's fingerprint, which the manifest carries) and the copy.
   */
  async #stream(info: AttachmentInfo, format: StreamedFormat): Promise<SentFile> {
    const plan = await this.#refusing(info.id, format, () =>
      planEdits(format, windowedReader(this.#range(info.id), info.size), info.size),
    );
    if (plan.removed.length === 0) return { id: info.id, form: 'original', uncleaned: null };
    const original = createHash('sha256');
    const copy = createHash('sha256');
    let size = 0;
    const tapped = (async function* (source: AsyncIterable<Uint8Array>) {
      for await (const piece of source) {
        original.update(piece);
        yield piece;
      }
    })(this.read(info.id));
    for await (const piece of streamEdits(tapped, plan.edits)) {
      copy.update(piece);
      size += piece.length;
    }
    if (original.digest('hex') !== info.sha256)
      throw new IntegrityError(`attachment ${info.id}`, { id: info.id, reason: 'sha256' });
    this.#edits.set(info.id, plan);
    return {
      id: info.id,
      form: 'cleaned',
      size,
      sha256: copy.digest('hex'),
      removed: plan.removed,
    };
  }

  /** Reads [start, end) of a file's plaintext. */
  #range(id: string) {
    return (start: number, end: number) => collect(this.read(id, { start, end: end - 1 }));
  }

  /** Second pass: the bytes to send, as planned. */
  content(id: string): AsyncIterable<Uint8Array> {
    const sent = this.#sent.get(id);
    if (sent?.form !== 'cleaned') return this.read(id);
    const edits = this.#edits.get(id);
    if (edits) return streamEdits(this.read(id), edits.edits);
    const clean = () => this.#clean(id);
    return (async function* () {
      const copy = await clean();
      if (!copy) return;
      for (let at = 0; at < copy.bytes.length; at += PIECE)
        yield copy.bytes.subarray(at, at + PIECE);
    })();
  }

  /**
   * The cleaned copy, or null for a file whose bytes are not of a cleaned format after all.
   * A file of a cleaned format that cannot be walked stops the export: sending it as it is
   * could give away what cleaning was meant to remove. The sender leaves it out, or sends
   * originals knowingly.
   */
  async #clean(id: string): Promise<CleanedCopy | null> {
    const bytes = await collect(this.read(id));
    const format = sniffCleanable(bytes);
    if (format === null) return null;
    return this.#refusing(id, format, () => cleanBytes(bytes, format));
  }

  async #refusing<T>(id: string, format: CleanableFormat, clean: () => Promise<T>): Promise<T> {
    try {
      return await clean();
    } catch (error) {
      if (!(error instanceof DamagedFileError)) throw error;
      throw new ExportRefusedError(
        `File ${id} is a ${format.toUpperCase()} file that cannot be cleaned of its metadata (it is damaged or encrypted). Leave it out, or send the originals with their metadata. Nothing was written.`,
        [{ id, reason: 'cannot-clean' }],
      );
    }
  }
}

async function collect(source: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const part of source) {
    parts.push(part);
    length += part.length;
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
