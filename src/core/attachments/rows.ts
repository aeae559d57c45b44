import {
  AttachmentNotFoundError,
  InvalidInputError,
  RecordNotFoundError,
} from '../../shared/errors';
import type { FileKey } from '../crypto/keys';
import { wipe } from '../crypto/sodium';
import { ID_PATTERN } from '../ids';
import type { VaultScope } from '../storage/scope';
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

export interface AttachmentRow {
  id: string;
  record_id: string;
  wrapped_key: Uint8Array;
  meta: Uint8Array;
  has_text: number;
}

const ROW_COLUMNS = 'id, record_id, wrapped_key, meta, extracted_text IS NOT NULL AS has_text';

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
    return this.scope.db.prepare('SELECT 1 FROM attachments WHERE id = ?').get(id) !== undefined;
  }

  /** The row, or ATTACHMENT.NOT_FOUND (also for strings that are not ids at all). */
  row(id: string): AttachmentRow {
    const row = this.scope.db
      .prepare(`SELECT ${ROW_COLUMNS} FROM attachments WHERE id = ?`)
      .get(checkedId(id)) as AttachmentRow | undefined;
    if (!row) throw new AttachmentNotFoundError(id);
    return row;
  }

  all(): AttachmentRow[] {
    return this.scope.db
      .prepare(`SELECT ${ROW_COLUMNS} FROM attachments ORDER BY rowid`)
      .all() as AttachmentRow[];
  }

  rowsOf(recordId: string): AttachmentRow[] {
    return this.scope.db
      .prepare(`SELECT ${ROW_COLUMNS} FROM attachments WHERE record_id = ?`)
      .all(recordId) as AttachmentRow[];
  }

  /** A full id, or a unique prefix of at least 6 hex characters. */
  resolveId(idOrPrefix: string): string {
    const text = String(idOrPrefix).trim().toLowerCase();
    if (!/^[0-9a-f]{6,32}$/.test(text))
      throw new AttachmentNotFoundError(printable(String(idOrPrefix), 64));
    const rows = this.scope.db
      .prepare("SELECT id FROM attachments WHERE id >= ? AND id < ? || 'g' LIMIT 2")
      .all(text, text) as { id: string }[];
    if (rows.length === 0) throw new AttachmentNotFoundError(text);
    if (rows.length > 1)
      throw new InvalidInputError(
        `The id prefix ${text} matches several attachments; type more of it.`,
      );
    return rows[0]!.id;
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
    const row = this.scope.db
      .prepare('SELECT id, record_id, wrapped_key, extracted_text FROM attachments WHERE id = ?')
      .get(checkedId(id)) as
      | (Pick<AttachmentRow, 'id' | 'record_id' | 'wrapped_key'> & {
          extracted_text: Uint8Array | null;
        })
      | undefined;
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
      this.scope.db
        .prepare(
          'INSERT INTO attachments (id, record_id, wrapped_key, meta, extracted_text) VALUES (?, ?, ?, ?, ?)',
        )
        .run(id, recordId, wrapped, sealedMeta, sealedText);
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
        this.scope.db
          .prepare('UPDATE attachments SET meta = ?, extracted_text = ? WHERE id = ?')
          .run(sealMeta(fileKey, next.meta, binding), sealedText, id);
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
      this.scope.db.prepare('DELETE FROM attachments WHERE id = ?').run(row.id);
      for (const listener of this.listeners) listener(row.record_id, row.id, { kind: 'deleted' });
    })();
  }

  /** Deletes a record's rows (inside the caller's transaction); returns their ids. */
  deleteOfRecord(recordId: string): string[] {
    const ids = (
      this.scope.db.prepare('SELECT id FROM attachments WHERE record_id = ?').all(recordId) as {
        id: string;
      }[]
    ).map((row) => row.id);
    this.scope.db.prepare('DELETE FROM attachments WHERE record_id = ?').run(recordId);
    return ids;
  }
}

function checkedId(id: string): string {
  if (typeof id !== 'string' || !ID_PATTERN.test(id))
    throw new AttachmentNotFoundError(printable(String(id), 64));
  return id;
}
