import type { CustodyFact } from '../../shared/custody/types';
import type { TestimonyFields } from '../../shared/records/types';
import type { AttachmentStore } from '../attachments/attachment-store';
import {
  type SourceImportOptions,
  type SourceImportReport,
  importSource,
} from '../import/run-import';
import { type SourceLink, SourceLinks } from '../import/source-links';
import { readImportFile } from '../records/bulk-import';
import {
  type ImportReport,
  type ImportRow,
  importAllOrNothing,
} from '../records/import-transaction';
import type { RecordStore } from '../records/record-store';
import type { SearchService } from '../search/search-service';
import type { VaultScope } from '../storage/scope';

/** What the imports need of the open vault. */
export interface ImportUseCaseDeps {
  scope: VaultScope;
  records: RecordStore;
  attachments: AttachmentStore;
  search: SearchService;
  /** Writes a custody entry inside the running transaction. */
  note: (fact: CustodyFact) => void;
  /** Signs the custody log's head after the import. */
  checkpointCustody: () => void;
  /** Runs a long task once the ones before it have settled (Vault.oneAtATime). */
  oneAtATime: <T>(task: () => Promise<T>) => Promise<T>;
}

/**
 * Bulk imports, all or nothing: a .jsonl or .csv file of testimonies, or another tool's export
 * (Martus, Uwazi, KoboToolbox) with its source links. One custody entry per batch of new
 * records rather than one per record (the store's listener stays quiet while `importing`).
 */
export class ImportUseCases {
  readonly #deps: ImportUseCaseDeps;
  #importing = false;

  constructor(deps: ImportUseCaseDeps) {
    this.#deps = deps;
  }

  /** True while an import runs: its new records are logged per batch, not one by one. */
  get importing(): boolean {
    return this.#importing;
  }

  /** Bulk import of a .jsonl or .csv file, all or nothing; bad lines are reported, not imported. */
  async importFile(path: string): Promise<ImportReport> {
    return this.importRows(readImportFile(path));
  }

  /**
   * Imports validated rows from any source (the .jsonl/.csv reader, the Martus, Uwazi or Kobo
   * importers) in one transaction: after a crash the vault holds none of them or all of them
   * (src/core/records/import-transaction.ts). Nothing else may write to this vault until it
   * settles.
   */
  importRows(rows: AsyncIterable<ImportRow>): Promise<ImportReport> {
    return this.#deps.oneAtATime(() => this.#importRows(rows));
  }

  async #importRows(rows: AsyncIterable<ImportRow>): Promise<ImportReport> {
    // One custody entry per batch of 100, naming every record it created, in the import's
    // transaction: an entry per record cost half as much as the import itself.
    const report = await this.#whileImporting(() =>
      importAllOrNothing(
        this.#deps.records.importTarget((ids) => this.#noteBatch(ids)),
        rows,
      ),
    );
    this.#deps.checkpointCustody();
    // Index what was imported now, with every core: the first search then only loads it.
    await this.#deps.search.indexPending();
    return report;
  }

  /**
   * Imports another tool's export (Martus, Uwazi, KoboToolbox) or a testimony CSV/JSONL with a
   * mapping (docs: README "Importers"). New testimonies are logged as the bulk import's are, one
   * custody entry per batch; updates of testimonies imported before are ordinary edits.
   */
  importSource(options: SourceImportOptions): Promise<SourceImportReport> {
    return this.#deps.oneAtATime(() => this.#importSource(options));
  }

  async #importSource(options: SourceImportOptions): Promise<SourceImportReport> {
    const { scope, records, attachments } = this.#deps;
    const links = new SourceLinks(scope.db, scope.keys, scope.vaultId);
    const report = await this.#whileImporting(() =>
      importSource(
        {
          records,
          links,
          // One transaction for the whole file (import-transaction.ts): the updates made while
          // it runs commit or roll back with the new testimonies.
          writeAll: async (rows, written) => {
            await importAllOrNothing(
              records.importTarget((ids) => {
                written(ids);
                this.#noteBatch(ids);
              }),
              asImportRows(rows),
            );
          },
          updateRecord: (id, patch) => {
            records.update(id, patch);
          },
          attachFile: async (recordId, path) => {
            await attachments.attachFile(recordId, path);
          },
          attachedNames: (recordId) => attachments.list(recordId),
        },
        options,
      ),
    );
    if (!report.dryRun) {
      this.#deps.checkpointCustody();
      await this.#deps.search.indexPending();
    }
    return report;
  }

  /** The sealed source a testimony was imported from, or null (docs/crypto.md). */
  importedFrom(recordId: string): SourceLink | null {
    const { scope } = this.#deps;
    return new SourceLinks(scope.db, scope.keys, scope.vaultId).sourceOf(recordId);
  }

  async #whileImporting<T>(run: () => Promise<T>): Promise<T> {
    this.#importing = true;
    try {
      return await run();
    } finally {
      this.#importing = false;
    }
  }

  #noteBatch(ids: string[]): void {
    this.#deps.note({
      action: 'record.created',
      records: ids,
      detail: { via: 'import', revision: 1, count: ids.length },
    });
  }
}

/** Validated fields as rows of the all-or-nothing import (they carry no rejection). */
async function* asImportRows(rows: AsyncIterable<TestimonyFields>): AsyncGenerator<ImportRow> {
  let line = 0;
  for await (const fields of rows) yield { line: ++line, fields };
}
