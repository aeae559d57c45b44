import { associatedData } from '../crypto/associated-data';
import type { KeyRing } from '../crypto/keyring';
import { sodium } from '../crypto/sodium';
import { openJson, sealJson } from '../records/codec';
import type { Db } from '../storage/db';
import {
  importSourceByTag,
  importSourceOf,
  insertImportSource,
} from '../storage/tables/import-sources';

/**
 * Which source record each imported testimony came from (docs/crypto.md, "Imported records"):
 * a row per testimony, found by a keyed hash of "<source>:<source id>" and holding that key
 * sealed. A re-import looks each record up here to update its testimony instead of adding one.
 */
export interface SourceLink {
  v: 1;
  source: string;
  sourceId: string;
}

const encoder = new TextEncoder();

/** The source of rows known by their content (no id in the file). */
export const CONTENT_SOURCE = 'content';

export class SourceLinks {
  constructor(
    private readonly db: Db,
    private readonly keys: KeyRing,
    private readonly vaultId: string,
  ) {}

  tagOf(sourceKey: string): Buffer {
    return Buffer.from(
      sodium().blake2b({
        length: 32,
        message: encoder.encode(`tvault-import-source:${sourceKey}`),
        key: this.keys.key('importIds'),
      }),
    );
  }

  /**
   * The source key of a row that has no id (plain testimony CSV/JSONL): "content:" and a keyed
   * hash of its validated fields, so the same row imported again (however it is quoted or
   * ordered) is recognised, and the key names nothing of the content without the vault's key.
   */
  contentKey(canonicalFields: string): string {
    const hash = sodium().blake2b({
      length: 32,
      message: encoder.encode(`tvault-import-content:${canonicalFields}`),
      key: this.keys.key('importIds'),
    });
    return `${CONTENT_SOURCE}:${Buffer.from(hash).toString('hex')}`;
  }

  /**
   * The testimony imported from this source record, or null. The sealed row is opened: its
   * associated data binds tag and record id, so a row moved onto another record fails here.
   */
  find(sourceKey: string): string | null {
    const tag = this.tagOf(sourceKey);
    const row = importSourceByTag(this.db, tag);
    if (!row) return null;
    openJson<SourceLink>(
      this.keys.key('importRows'),
      row.sealed,
      this.#ad(tag, row.record_id),
      `the import source of record ${row.record_id}`,
      { recordId: row.record_id },
    );
    return row.record_id;
  }

  /** Remembers where a new testimony came from (inside the import's transaction). */
  link(sourceKey: string, recordId: string): void {
    const tag = this.tagOf(sourceKey);
    const split = sourceKey.indexOf(':');
    const link: SourceLink = {
      v: 1,
      source: sourceKey.slice(0, split),
      sourceId: sourceKey.slice(split + 1),
    };
    insertImportSource(this.db, {
      tag,
      record_id: recordId,
      sealed: sealJson(this.keys.key('importRows'), link, this.#ad(tag, recordId)),
    });
  }

  /** The sealed source of a testimony, checked (INTEGRITY.FAILED if the row was altered). */
  sourceOf(recordId: string): SourceLink | null {
    const row = importSourceOf(this.db, recordId);
    if (!row) return null;
    return openJson<SourceLink>(
      this.keys.key('importRows'),
      row.sealed,
      this.#ad(row.tag, recordId),
      `the import source of record ${recordId}`,
      { recordId },
    );
  }

  #ad(tag: Uint8Array, recordId: string): Uint8Array {
    return associatedData(
      'tvault-import-source',
      this.vaultId,
      Buffer.from(tag).toString('hex'),
      recordId,
    );
  }
}
