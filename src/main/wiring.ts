import { parseQuery } from '../shared/search';
import type { OcrLanguage, OcrProgress } from '../shared/attachments/ocr';
import type { AttachmentView, ExtractResult, Snippet } from '../shared/ipc/types';
import type { OcrEngine } from '../core/attachments/ocr/ocr-worker';
import type { Vault } from '../core/vault/vault';

/**
 * The one place where the handlers meet the core's feature modules (evidence, search), each
 * reduced to the small port the handlers use.
 */
export interface AttachmentsPort {
  list(recordId: string): AttachmentView[];
  get(id: string): AttachmentView;
  attachStream(
    recordId: string,
    source: AsyncIterable<Uint8Array>,
    meta: {
      name: string;
      mime?: string;
      modifiedAt?: string | null;
      description?: string;
      expectedSize?: number;
    },
    opts?: { onProgress?: (bytesDone: number) => void; signal?: AbortSignal },
  ): Promise<AttachmentView>;
  readStream(id: string, range?: { start: number; end: number }): AsyncIterable<Uint8Array>;
  extract(id: string, outPath: string, opts?: { force?: boolean }): Promise<ExtractResult>;
  detach(id: string): void;
  recognize(
    id: string,
    opts?: {
      languages?: OcrLanguage[];
      signal?: AbortSignal;
      onProgress?: (progress: OcrProgress) => void;
      /** Shared by the files queued one after another (ocr-runs.ts); closed by its opener. */
      engine?: OcrEngine;
    },
  ): Promise<unknown>;
}

export interface SearchPort {
  segments(): Uint8Array[];
  snippets(ids: string[], query: string): Snippet[];
  verifyPhrases(ids: string[], query: string): string[];
}

export function attachmentsOf(vault: Vault): AttachmentsPort {
  return vault.attachments;
}

export function searchOf(vault: Vault): SearchPort {
  return {
    segments: () => vault.search.segments(),
    verifyPhrases: (ids, query) => vault.search.filterByPhrases(ids, parseQuery(query)),
    snippets: (ids, query) => {
      // Parsed as the worker's engine parses it, so highlights match what was found.
      const found = vault.search.snippets(ids, parseQuery(query));
      return ids.flatMap((id) => {
        const hit = found[id];
        return hit ? [{ id, text: hit.snippet, highlights: hit.highlights }] : [];
      });
    },
  };
}
