import { OcrEngine } from '../core/attachments/ocr/ocr-worker';
import type { OcrLanguage, OcrProgress } from '../shared/attachments/ocr';
import type { Emit } from './ipc/context';
import type { AttachmentsPort } from './wiring';

/**
 * How long the engine stays loaded once the queue is empty: the "recognise after attaching"
 * setting starts each file's run as that file is stored, so five photos dropped at once can
 * leave the queue empty for a moment between two of them.
 */
export const OCR_ENGINE_IDLE_MS = 3_000;

/**
 * The text recognitions the app has running (docs/attachments.md, "Text from images"), one
 * AbortController per file so that `attachments.ocrCancel` can stop one, and a lock all. Their
 * progress goes to the renderer as `attachments.ocrProgress` events, only when what a person
 * sees changes (a whole percent, a page, a stage): the engine reports far more often. Asking
 * again for a file already running joins that run. The core queues the runs: one file at a time.
 *
 * The runs share one engine (OcrEngine: the worker with tesseract.js and its language data
 * loaded) while there is work: five photos recognised one after another load it once, not five
 * times. It is closed, and its memory given back, `idleMs` after the last run ends, and at once
 * when the vault locks (cancelAll).
 */
export class OcrRuns {
  readonly #store: () => AttachmentsPort;
  readonly #emit: Emit;
  readonly #newEngine: () => OcrEngine;
  readonly #idleMs: number;
  readonly #running = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  #engine: OcrEngine | null = null;
  #idle: ReturnType<typeof setTimeout> | null = null;

  constructor(
    store: () => AttachmentsPort,
    emit: Emit,
    opts: { newEngine?: () => OcrEngine; idleMs?: number } = {},
  ) {
    this.#store = store;
    this.#emit = emit;
    this.#newEngine = opts.newEngine ?? (() => new OcrEngine());
    this.#idleMs = opts.idleMs ?? OCR_ENGINE_IDLE_MS;
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
    this.#keepEngine();
    const engine = (this.#engine ??= this.#newEngine());
    const done = Promise.resolve()
      .then(() =>
        this.#store().recognize(id, {
          ...(languages ? { languages } : {}),
          signal: controller.signal,
          onProgress,
          engine,
        }),
      )
      .finally(() => {
        this.#running.delete(id);
        if (this.#running.size === 0) this.#releaseLater();
      });
    this.#running.set(id, { controller, done });
    return done;
  }

  cancel(id: string): void {
    this.#running.get(id)?.controller.abort();
  }

  /** At lock: every run stopped and the engine closed now, not after the idle delay. */
  cancelAll(): Promise<void> {
    // Aborting first: a run's worker ends as cancelled, not as a crash recorded as a failure.
    for (const { controller } of this.#running.values()) controller.abort();
    return this.#release();
  }

  #keepEngine(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
  }

  #releaseLater(): void {
    this.#keepEngine();
    if (this.#idleMs <= 0) {
      void this.#release();
      return;
    }
    this.#idle = setTimeout(() => void this.#release(), this.#idleMs);
    // An engine waiting for more work does not keep the app from quitting.
    this.#idle.unref?.();
  }

  #release(): Promise<void> {
    this.#keepEngine();
    const engine = this.#engine;
    this.#engine = null;
    return engine ? engine.close() : Promise.resolve();
  }
}
