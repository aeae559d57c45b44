import type { OcrLanguage, OcrProgress } from '../shared/attachments/ocr';
import type { Emit } from './ipc/context';
import type { AttachmentsPort } from './wiring';

/**
 * The text recognitions the app has running (docs/attachments.md, "Text from images"), one
 * AbortController per file so that `attachments.ocrCancel` can stop one, and a lock all. Their
 * progress goes to the renderer as `attachments.ocrProgress` events, only when what a person
 * sees changes (a whole percent, a page, a stage): the engine reports far more often. Asking
 * again for a file already running joins that run. The core queues the runs: one file at a time.
 */
export class OcrRuns {
  readonly #store: () => AttachmentsPort;
  readonly #emit: Emit;
  readonly #running = new Map<string, { controller: AbortController; done: Promise<unknown> }>();

  constructor(store: () => AttachmentsPort, emit: Emit) {
    this.#store = store;
    this.#emit = emit;
  }

  run(id: string, languages?: OcrLanguage[]): Promise<unknown> {
    const current = this.#running.get(id);
    if (current) return current.done;
    const controller = new AbortController();
    let last = '';
    const onProgress = (progress: OcrProgress) => {
      const shown = `${Math.floor(progress.fraction * 100)}/${progress.page}/${progress.pages}/${progress.stage}`;
      if (shown === last) return;
      last = shown;
      this.#emit('attachments.ocrProgress', { id, ...progress });
    };
    const done = this.#store()
      .recognize(id, {
        ...(languages ? { languages } : {}),
        signal: controller.signal,
        onProgress,
      })
      .finally(() => this.#running.delete(id));
    this.#running.set(id, { controller, done });
    return done;
  }

  cancel(id: string): void {
    this.#running.get(id)?.controller.abort();
  }

  cancelAll(): void {
    for (const { controller } of this.#running.values()) controller.abort();
  }
}
