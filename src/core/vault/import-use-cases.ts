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
import type { IndexFeed } from '../search/index-feed';
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
    return this.#indexing(
      (feed) =>
        importAllOrNothing(
          this.#deps.records.importTarget((ids) => this.#noteBatch(ids)),
          fed(rows, feed),
        ),
      () => true,
    );
  }

  /**
   * Runs an import while its new records go to the index workers as it writes them
   * (SearchService.startFeed), then, once it committed, makes what they built the index's and
   * indexes what the feed did not carry: the first search then only loads the index. A failed
   * import leaves nothing of the feed.
   */
  async #indexing<T>(
    run: (feed: IndexFeed | null) => Promise<T>,
    wrote: (report: T) => boolean,
    feeding = true,
  ): Promise<T> {
    const feed = feeding ? this.#deps.search.startFeed() : null;
    let report: T;
    try {
      report = await this.#whileImporting(() => run(feed));
    } catch (error) {
      await feed?.abandon();
      throw error;
    }
    if (!wrote(report)) {
      await feed?.abandon();
      return report;
    }
    try {
      this.#deps.checkpointCustody();
    } catch (error) {
      await feed?.abandon();
      throw error;
    }
    await feed?.finish();
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
    return this.#indexing(
      (feed) =>
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
                fed(asImportRows(rows), feed),
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
      (report) => !report.dryRun,
      options.dryRun !== true,
    );
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

/**
 * The rows, each once the index workers can take more (IndexFeed.room): the import reads no
 * faster than they index, so memory holds a bounded number of batches.
 */
async function* fed<T>(rows: AsyncIterable<T>, feed: IndexFeed | null): AsyncGenerator<T> {
  for await (const row of rows) {
    if (feed) await feed.room();
    yield row;
  }
}

/** Validated fields as rows of the all-or-nothing import (they carry no rejection). */
async function* asImportRows(rows: AsyncIterable<TestimonyFields>): AsyncGenerator<ImportRow> {
  let line = 0;
  for await (const fields of rows) yield { line: ++line, fields };
}
