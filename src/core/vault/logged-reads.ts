import type { CustodyFact } from '../../shared/custody/types';
import type { TestimonyRecord } from '../../shared/records/types';
import type { AttachmentStore, ExtractResult } from '../attachments/attachment-store';
import type { RecordReader } from '../records/record-store';

/**
 * Reads that put content before a person or on disk in plaintext, each logged in the custody
 * log (docs/custody.md): a record shown in full, an evidence file written out.
 */
export class LoggedReads {
  readonly #records: RecordReader;
  readonly #attachments: AttachmentStore;
  readonly #note: (fact: CustodyFact) => void;

  constructor(deps: {
    records: RecordReader;
    attachments: AttachmentStore;
    note: (fact: CustodyFact) => void;
  }) {
    this.#records = deps.records;
    this.#attachments = deps.attachments;
    this.#note = deps.note;
  }

  /** A record shown in full to a person (CLI show, the app's record view): logged. */
  openRecord(id: string, revision?: number): TestimonyRecord {
    const record = this.#records.get(id, revision);
    this.#note({ action: 'record.opened', record: id, detail: { revision: record.revision } });
    return record;
  }

  /** A verified plaintext copy of an evidence file written out: logged once complete. */
  async extractAttachment(
    id: string,
    outPath: string,
    opts: Parameters<AttachmentStore['extract']>[2] = {},
  ): Promise<ExtractResult> {
    const result = await this.#attachments.extract(id, outPath, opts);
    const info = this.#attachments.get(id);
    this.#note({
      action: 'attachment.extracted',
      record: info.recordId,
      attachment: id,
      detail: { sha256: info.sha256, size: info.size },
    });
    return result;
  }
}
