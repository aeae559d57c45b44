import { open as openFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  type OcrLanguage,
  type OcrProgress,
  type OcrRecord,
  canOcr,
  ocrLanguagesFor,
} from '../../shared/attachments/ocr';
import { InvalidInputError, RecordNotFoundError } from '../../shared/errors';
import { wipe } from '../crypto/sodium';
import { ID_PATTERN } from '../ids';
import { checkpoint } from '../storage/db';
import type { VaultScope } from '../storage/scope';
import { removeBlob, removeLeftovers } from './blob-files';
import { decryptBlob } from './blob-reader';
import { FileIoError, attachmentIntegrity, printable } from './errors';
import { type ExtractResult, extractToFile } from './extract-file';
import { readFileBatches } from './file-source';
import { hasherFor } from './hasher';
import { ingest } from './ingest';
import { openMeta } from './meta';
import { recognizeAttachment } from './ocr/recognize-attachment';
import type { OcrEngine, OcrLimits } from './ocr/ocr-worker';
import type { PdfPageLimits } from './ocr/pdf-page-worker';
import { AttachmentRows } from './rows';
import type {
  AttachStreamMeta,
  AttachmentChangeListener,
  AttachmentInfo,
  IngestOptions,
} from './types';

export type { AttachStreamMeta, AttachmentChangeListener, AttachmentInfo } from './types';
export type { ExtractResult } from './extract-file';

/**
 * Evidence files of a vault's records (docs/attachments.md). Each attachment has a random file
 * key; its bytes are a STREAM-encrypted blob in blobs/<id>; its row holds the wrapped key and
 * the sealed metadata and text. Reached as `vault.attachments`; the CLI and the IPC handlers
 * are thin adapters over these methods.
 */
/** What the attachment store needs of an unlocked vault. */
export interface AttachmentDeps {
  scope: VaultScope;
  /** The vault folder (an extracted file must not land inside it) and its blobs/ folder. */
  vaultDir: string;
  blobsDir: string;
  /** Whether a record exists: the records area answers, this store never reads its table. */
  recordExists: (recordId: string) => boolean;
  /** A record's language (BCP-47), for text recognition's default languages. */
  recordLanguage: (recordId: string) => string;
}

export class AttachmentStore {
  readonly #deps: AttachmentDeps;
  readonly #rows: AttachmentRows;

  constructor(deps: AttachmentDeps) {
    this.#deps = deps;
    this.#rows = new AttachmentRows(deps.scope, deps.recordExists);
    // A new store means the vault was just opened: clear what a crash left behind.
    removeLeftovers(deps.blobsDir, (id) => this.#rows.exists(id));
  }

  /**
   * A record is being deleted: removes its attachment rows (inside the caller's transaction)
   * and returns what to do after the commit, when the rows (the only copies of the keys) are
   * gone for good: unlink the blobs. Every blob is tried; the first failure is thrown.
   */
  deleteOfRecord(recordId: string): () => void {
    const ids = this.#rows.deleteOfRecord(recordId);
    return () => {
      let failure: unknown = null;
      for (const id of ids) {
        try {
          removeBlob(this.#deps.blobsDir, id);
        } catch (error) {
          failure ??= error;
        }
      }
      if (failure) throw failure;
    };
  }

  /** How many attachments the vault holds. */
  count(): number {
    return this.#rows.count();
  }

  /** Every attachment id in order, a page at a time (verify). */
  ids(): Generator<string> {
    return this.#rows.pagedIds();
  }

  /** Every attachment id by record id, without opening any row (team publishing). */
  idsByRecord(): Map<string, string[]> {
    const byRecord = new Map<string, string[]>();
    for (const row of this.#rows.all()) {
      const ids = byRecord.get(row.record_id) ?? [];
      ids.push(row.id);
      byRecord.set(row.record_id, ids);
    }
    return byRecord;
  }

  /** Whether an attachment with this id is held (a partner's bundle may bring one again). */
  has(id: string): boolean {
    return ID_PATTERN.test(id) && this.#rows.exists(id);
  }

  /**
   * After a rolled-back import: removes the blobs of these attachments whose rows never
   * committed (docs/attachments.md). Best effort: leftovers go at the next unlock.
   */
  discardUncommitted(ids: readonly string[]): void {
    for (const id of ids) {
      if (this.has(id)) continue;
      try {
        removeBlob(this.#deps.blobsDir, id);
      } catch {
        // removeLeftovers deletes blobs without rows at the next unlock.
      }
    }
  }

  /**
   * Called inside the write transaction after an attachment was added or detached (e.g. to mark
   * the record stale in the search index). Not called when a whole record is deleted.
   */
  onChange(listener: AttachmentChangeListener): void {
    this.#rows.listeners.push(listener);
  }

  /** Attaches a file from disk; its name and modification time come from the file. */
  async attachFile(
    recordId: string,
    path: string,
    opts: {
      description?: string;
      name?: string;
      onProgress?: (bytesDone: number, total: number) => void;
      signal?: AbortSignal;
    } = {},
  ): Promise<AttachmentInfo> {
    this.#assertRecord(recordId);
    if (typeof path !== 'string' || path === '' || path.includes('\0'))
      throw new InvalidInputError('Give the path of a file to attach.');
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      throw new FileIoError('Cannot read the file to attach', path, error);
    }
    if (!info.isFile()) throw new FileIoError('Not a regular file', path, 'not a file');
    let handle;
    try {
      handle = await openFile(path, 'r');
    } catch (error) {
      throw new FileIoError('Cannot read the file to attach', path, error);
    }
    const total = info.size;
    try {
      return await ingest(
        { blobsDir: this.#deps.blobsDir, rows: this.#rows },
        recordId,
        readFileBatches(handle, path),
        {
          name: opts.name ?? basename(path),
          modifiedAt: info.mtime.toISOString(),
          ...(opts.description !== undefined ? { description: opts.description } : {}),
        },
        {
          ...(opts.onProgress ? { onProgress: (done) => opts.onProgress!(done, total) } : {}),
          ...(opts.signal ? { signal: opts.signal } : {}),
        },
        total,
      );
    } finally {
      await handle.close().catch(() => undefined);
    }
  }

  /**
   * Attaches bytes from any source (a partner's bundle, a Node stream). The blob is complete and
   * on disk before the row is written; if anything fails, neither is left.
   */
  async attachStream(
    recordId: string,
    source: AsyncIterable<Uint8Array>,
    meta: AttachStreamMeta,
    opts: IngestOptions = {},
  ): Promise<AttachmentInfo> {
    this.#assertRecord(recordId);
    return ingest(
      { blobsDir: this.#deps.blobsDir, rows: this.#rows },
      recordId,
      source,
      meta,
      opts,
      meta?.expectedSize,
    );
  }

  /** A record's attachments, oldest first. */
  list(recordId: string): AttachmentInfo[] {
    this.#assertRecord(recordId);
    return this.#rows
      .rowsOf(recordId)
      .map((row) => this.#rows.info(row))
      .sort((a, b) =>
        a.addedAt === b.addedAt ? (a.id < b.id ? -1 : 1) : a.addedAt < b.addedAt ? -1 : 1,
      );
  }

  get(id: string): AttachmentInfo {
    return this.#rows.info(this.#rows.row(id));
  }

  /** A full id, or a unique prefix of at least 6 hex characters. */
  resolveId(idOrPrefix: string): string {
    return this.#rows.resolveId(idOrPrefix);
  }

  /**
   * The plaintext, or an inclusive byte range of it, decrypting only the chunks that cover it.
   * Unknown ids and bad ranges throw at once; corruption throws IntegrityError while iterating.
   * Each yielded array is the caller's to keep. Nothing is written anywhere.
   */
  readStream(id: string, range?: { start: number; end: number }): AsyncIterable<Uint8Array> {
    const rows = this.#rows;
    const row = rows.row(id);
    const { size } = rows.meta(row);
    if (range !== undefined) checkRange(range, size);
    const path = join(this.#deps.blobsDir, row.id);
    return {
      async *[Symbol.asyncIterator]() {
        // Unwrapped only when reading starts, wiped when it ends (or is abandoned).
        const fileKey = rows.fileKey(row);
        try {
          yield* decryptBlob({ id: row.id, path, fileKey, size }, range ? { range } : {});
        } finally {
          wipe(fileKey);
        }
      },
    };
  }

  /** Writes the verified plaintext to `outPath` (see extract-file.ts). */
  async extract(
    id: string,
    outPath: string,
    opts: { force?: boolean } = {},
  ): Promise<ExtractResult> {
    const row = this.#rows.row(id);
    const fileKey = this.#rows.fileKey(row);
    try {
      const meta = openMeta(fileKey, row.meta, this.#rows.binding(row));
      return await extractToFile(
        { id: row.id, path: join(this.#deps.blobsDir, row.id), fileKey, size: meta.size },
        meta.sha256,
        outPath,
        { force: opts.force === true, vaultDir: this.#deps.vaultDir },
      );
    } finally {
      wipe(fileKey);
    }
  }

  /** Decrypts every chunk and checks the SHA-256 recorded at ingest, writing nothing. */
  async verify(id: string): Promise<{ id: string; size: number; sha256: string; verified: true }> {
    const meta = this.#rows.meta(this.#rows.row(id));
    const hasher = hasherFor(meta.size);
    let size = 0;
    let sha256: string;
    try {
      for await (const bytes of this.readStream(id)) {
        await hasher.update(bytes);
        size += bytes.length;
      }
      sha256 = await hasher.digest();
    } finally {
      hasher.dispose();
    }
    if (size !== meta.size || sha256 !== meta.sha256) throw attachmentIntegrity(id, 'sha256');
    return { id, size, sha256, verified: true };
  }

  /** Deletes an attachment for good: the row (the only copy of its key), then the blob. */
  detach(id: string): void {
    this.detachInTransaction(id)();
  }

  /**
   * Deletes the row inside the caller's transaction (a team member's detach, applied with its
   * change set) and returns what to run after the commit: unlink the blob. A crash in between
   * leaves a blob without a row, removed at the next unlock.
   */
  detachInTransaction(id: string): () => void {
    const row = this.#rows.row(id);
    this.#rows.delete(row);
    return () => {
      try {
        removeBlob(this.#deps.blobsDir, row.id);
      } finally {
        checkpoint(this.#deps.scope.db);
      }
    };
  }

  /**
   * Recognises the text of an image or PDF attachment (ocr/recognize-attachment.ts) in the languages
   * given, or those of its testimony's language, and stores it sealed for search.
   */
  recognize(
    id: string,
    opts: {
      languages?: OcrLanguage[];
      signal?: AbortSignal;
      onProgress?: (progress: OcrProgress) => void;
      /** The engine's and the page renderer's limits; the defaults otherwise (tests, bench). */
      limits?: OcrLimits;
      pageLimits?: PdfPageLimits;
      /** An engine kept loaded across the files of one run (OcrEngine); closed by its opener. */
      engine?: OcrEngine;
    } = {},
  ): Promise<OcrRecord> {
    const row = this.#rows.row(id);
    const languages = opts.languages ?? ocrLanguagesFor(this.#deps.recordLanguage(row.record_id));
    return recognizeAttachment({ rows: this.#rows, read: (x) => this.readStream(x) }, row.id, {
      ...opts,
      languages,
    });
  }

  /**
   * Images and PDFs without text that recognition has not run on yet (`tvault ocr --pending`):
   * a PDF with a text layer is searchable already.
   */
  pendingOcr(): AttachmentInfo[] {
    return this.#rows
      .all()
      .map((row) => this.#rows.info(row))
      .filter((info) => canOcr(info.mime) && info.ocr === null && !info.hasText);
  }

  /** The extracted text (for the search index), or null when there is none. */
  text(id: string): string | null {
    return this.#rows.text(id);
  }

  #assertRecord(recordId: string): void {
    if (typeof recordId !== 'string' || !ID_PATTERN.test(recordId))
      throw new RecordNotFoundError(printable(String(recordId), 64));
    if (!this.#deps.recordExists(recordId)) throw new RecordNotFoundError(recordId);
  }
}

function checkRange(range: { start: number; end: number }, size: number): void {
  const { start, end } = range ?? {};
  if (
    !Number.isSafeInteger(start) ||
    !Number.isSafeInteger(end) ||
    start < 0 ||
    end < start ||
    end >= size
  ) {
    throw new InvalidInputError(`The byte range is outside the attachment (size ${size}).`, {
      reason: 'range',
      size,
    });
  }
}
