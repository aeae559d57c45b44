import { createHash } from 'node:crypto';
import type { AttachmentInfo } from '../../shared/attachments/types';
import {
  type CleanedCopy,
  DamagedFileError,
  MAX_CLEAN_BYTES,
  type RemovedPart,
  type UncleanedReason,
  cleanBytes,
  sniffCleanable,
} from '../attachments/clean/clean-file';
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
 * writer checks the second copy against the first hash. Only one file is in memory at a time,
 * and nothing is written to disk in the clear.
 */
export class ExportedFiles {
  readonly #sent = new Map<string, SentFile>();

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
    if (sniffCleanable(head) === null) return original('format');
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

  /** Second pass: the bytes to send, as planned. */
  content(id: string): AsyncIterable<Uint8Array> {
    const sent = this.#sent.get(id);
    if (sent?.form !== 'cleaned') return this.read(id);
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
    try {
      return await cleanBytes(bytes, format);
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
