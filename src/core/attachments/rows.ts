import {
  AttachmentNotFoundError,
  InvalidInputError,
  RecordNotFoundError,
} from '../../shared/errors';
import type { FileKey } from '../crypto/keys';
import { wipe } from '../crypto/sodium';
import { ID_PATTERN } from '../ids';
import type { VaultScope } from '../storage/scope';
import {
  type AttachmentRow,
  attachmentCount,
  attachmentExists,
  attachmentIdsAfter,
  attachmentIdsOf,
  attachmentIdsWithPrefix,
  attachmentRow,
  attachmentRows,
  attachmentRowsOf,
  attachmentTextRow,
  deleteAttachment,
  deleteAttachmentsOf,
  insertAttachment,
  updateAttachmentText,
} from '../storage/tables/attachments';
import { printable } from './errors';
import {
  type AttachmentMeta,
  type RowBinding,
  openMeta,
  openText,
  sealMeta,
  sealText,
  unwrapFileKey,
  wrapFileKey,
} from './meta';
import { type AttachmentChangeListener, type AttachmentInfo, toInfo } from './types';
import { pagedIds } from '../storage/tables/paging';

export type { AttachmentRow } from '../storage/tables/attachments';

/**
 * The `attachments` table: sealing on the way in, opening on the way out (meta.ts has the
 * associated data). Every key unwrapped here is wiped once used.
 */
export class AttachmentRows {
  readonly listeners: AttachmentChangeListener[] = [];

  constructor(
    private readonly scope: VaultScope,
    /** Whether the record exists (the records area answers; this module never reads its table). */
    private readonly recordExists: (recordId: string) => boolean,
  ) {}

  exists(id: string): boolean {
    return attachmentExists(this.scope.db, id);
  }

  /** The row, or ATTACHMENT.NOT_FOUND (also for strings that are not ids at all). */
  row(id: string): AttachmentRow {
    const row = attachmentRow(this.scope.db, checkedId(id));
    if (!row) throw new AttachmentNotFoundError(id);
    return row;
  }

  all(): AttachmentRow[] {
    return attachmentRows(this.scope.db);
  }

  rowsOf(recordId: string): AttachmentRow[] {
    return attachmentRowsOf(this.scope.db, recordId);
  }

  count(): number {
    return attachmentCount(this.scope.db);
  }

  /** Every id in order, read a page at a time. */
  pagedIds(): Generator<string> {
    return pagedIds((after, limit) => attachmentIdsAfter(this.scope.db, after, limit));
  }

  /** A full id, or a unique prefix of at least 6 hex characters. */
  resolveId(idOrPrefix: string): string {
    const text = String(idOrPrefix).trim().toLowerCase();
    if (!/^[0-9a-f]{6,32}$/.test(text))
      throw new AttachmentNotFoundError(printable(String(idOrPrefix), 64));
    const ids = attachmentIdsWithPrefix(this.scope.db, text, 2);
    if (ids.length === 0) throw new AttachmentNotFoundError(text);
    if (ids.length > 1)
      throw new InvalidInputError(
        `The id prefix ${text} matches several attachments; type more of it.`,
      );
    return ids[0]!;
  }

  binding(row: Pick<AttachmentRow, 'id' | 'record_id'>): RowBinding {
    return { vaultId: this.scope.vaultId, attachmentId: row.id, recordId: row.record_id };
  }

  /** The file key, unwrapped: the caller wipes it. */
  fileKey(row: Pick<AttachmentRow, 'id' | 'record_id' | 'wrapped_key'>): FileKey {
    return unwrapFileKey({
      attachmentsKey: this.scope.keys.key('attachments'),
      wrapped: row.wrapped_key,
      binding: this.binding(row),
    });
  }

  meta(row: AttachmentRow): AttachmentMeta {
    const fileKey = this.fileKey(row);
    try {
      return openMeta(fileKey, row.meta, this.binding(row));
    } finally {
      wipe(fileKey);
    }
  }

  info(row: AttachmentRow): AttachmentInfo {
    return toInfo(row.id, row.record_id, this.meta(row), row.has_text === 1);
  }

  text(id: string): string | null {
    const row = attachmentTextRow(this.scope.db, checkedId(id));
    if (!row) throw new AttachmentNotFoundError(id);
    if (row.extracted_text === null) return null;
    const fileKey = this.fileKey(row);
    try {
      return openText(fileKey, row.extracted_text, this.binding(row));
    } finally {
      wipe(fileKey);
    }
  }

  /** Seals and inserts a row in one transaction, checking the record is (still) there. */
  insert(
    recordId: string,
    id: string,
    fileKey: FileKey,
    meta: AttachmentMeta,
    text: string | null,
  ): void {
    const binding = { vaultId: this.scope.vaultId, attachmentId: id, recordId };
    const wrapped = wrapFileKey({
      attachmentsKey: this.scope.keys.key('attachments'),
      fileKey,
      binding,
    });
    const sealedMeta = sealMeta(fileKey, meta, binding);
    const sealedText = text === null ? null : sealText(fileKey, text, binding);
    this.scope.db.transaction(() => {
      // The record may have been deleted while the file was streaming in.
      if (!this.recordExists(recordId)) throw new RecordNotFoundError(recordId);
      if (this.exists(id))
        throw new InvalidInputError(`An attachment with id ${id} already exists.`);
      insertAttachment(this.scope.db, {
        id,
        record_id: recordId,
        wrapped_key: wrapped,
        meta: sealedMeta,
        extracted_text: sealedText,
      });
      for (const listener of this.listeners)
        listener(recordId, id, { kind: 'added', sha256: meta.sha256, size: meta.size });
    })();
  }

  /**
   * Replaces the text and metadata of an existing row in one transaction (text recognition:
   * the blob is unchanged). `update` gets the current metadata; the row must still exist.
   */
  replaceText(
    id: string,
    update: (meta: AttachmentMeta) => { meta: AttachmentMeta; text: string | null },
  ): AttachmentMeta {
    return this.scope.db.transaction(() => {
      const row = this.row(id);
      const binding = this.binding(row);
      const fileKey = this.fileKey(row);
      try {
        const next = update(openMeta(fileKey, row.meta, binding));
        const sealedText = next.text === null ? null : sealText(fileKey, next.text, binding);
        updateAttachmentText(this.scope.db, id, {
          meta: sealMeta(fileKey, next.meta, binding),
          extractedText: sealedText,
        });
        for (const listener of this.listeners) listener(row.record_id, id, { kind: 'text' });
        return next.meta;
      } finally {
        wipe(fileKey);
      }
    })();
  }

  /** Deletes one row in its own transaction. */
  delete(row: Pick<AttachmentRow, 'id' | 'record_id'>): void {
    this.scope.db.transaction(() => {
      deleteAttachment(this.scope.db, row.id);
      for (const listener of this.listeners) listener(row.record_id, row.id, { kind: 'deleted' });
    })();
  }

  /** Deletes a record's rows (inside the caller's transaction); returns their ids. */
  deleteOfRecord(recordId: string): string[] {
    const ids = attachmentIdsOf(this.scope.db, recordId);
    deleteAttachmentsOf(this.scope.db, recordId);
    return ids;
  }
}

function checkedId(id: string): string {
  if (typeof id !== 'string' || !ID_PATTERN.test(id))
    throw new AttachmentNotFoundError(printable(String(id), 64));
  return id;
}
