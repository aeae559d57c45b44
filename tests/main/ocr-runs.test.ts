import { afterEach, describe, expect, it, vi } from 'vitest';
import { OcrEngine } from '../../src/core/attachments/ocr/ocr-worker';
import { OcrRuns } from '../../src/main/ocr-runs';
import type { AttachmentsPort } from '../../src/main/wiring';
import { fromBuffer } from '../attachments/helpers';
import { fixtureBytes, ocrCorpus } from '../attachments/ocr-helpers';
import { useTestVaults } from '../helpers/vault';

/**
 * The app's OCR runs share one engine while files are queued (issue 14: five photos attached
 * with "recognise after attaching" load tesseract.js once), and the engine ends, its memory
 * given back, once the queue is empty and at lock.
 */
const vaults = useTestVaults();
const opened: OcrEngine[] = [];

afterEach(async () => {
  await Promise.all(opened.splice(0).map((engine) => engine.close()));
});

/** A counted engine factory: every engine it made, each with its close() counted. */
function countedEngines() {
  const made: { engine: OcrEngine; close: ReturnType<typeof vi.spyOn> }[] = [];
  const newEngine = () => {
    const engine = new OcrEngine();
    opened.push(engine);
    made.push({ engine, close: vi.spyOn(engine, 'close') });
    return engine;
  };
  return { made, newEngine };
}

interface Pending {
  id: string;
  engine: OcrEngine | undefined;
  signal: AbortSignal | undefined;
  finish: () => void;
}

/** A store whose recognitions end when the test says, or reject when cancelled. */
function scriptedStore() {
  const pending: Pending[] = [];
  const store = {
    recognize: (id: string, opts: Parameters<AttachmentsPort['recognize']>[1] = {}) =>
      new Promise<unknown>((resolve, reject) => {
        opts.signal?.addEventListener('abort', () =>
          reject(Object.assign(new Error('cancelled'), { code: 'CANCELLED' })),
        );
        pending.push({ id, engine: opts.engine, signal: opts.signal, finish: () => resolve(id) });
      }),
  } as unknown as AttachmentsPort;
  return { pending, store: () => store };
}

describe('the app shares one OCR engine across queued files', () => {
  it('three queued files get one engine, closed once the queue is empty', async () => {
    const { made, newEngine } = countedEngines();
    const { pending, store } = scriptedStore();
    const runs = new OcrRuns(store, () => undefined, { newEngine, idleMs: 0 });
    const done = ['a', 'b', 'c'].map((id) => runs.run(id));
    await vi.waitFor(() => expect(pending).toHaveLength(3));
    expect(made).toHaveLength(1);
    expect(pending.map((p) => p.engine)).toEqual([
      made[0]!.engine,
      made[0]!.engine,
      made[0]!.engine,
    ]);
    pending[0]!.finish();
    pending[1]!.finish();
    await Promise.all(done.slice(0, 2));
    // Work is left: the engine stays.
    expect(made[0]!.close).not.toHaveBeenCalled();
    pending[2]!.finish();
    await Promise.all(done);
    await vi.waitFor(() => expect(made[0]!.close).toHaveBeenCalledTimes(1));
    // The next file, after the queue emptied, starts a new engine.
    const later = runs.run('d');
    await vi.waitFor(() => expect(pending).toHaveLength(4));
    expect(made).toHaveLength(2);
    expect(pending[3]!.engine).toBe(made[1]!.engine);
    pending[3]!.finish();
    await later;
    await vi.waitFor(() => expect(made[1]!.close).toHaveBeenCalledTimes(1));
  });

  it('a file arriving within the idle delay keeps the engine; then it is closed', async () => {
    const { made, newEngine } = countedEngines();
    const { pending, store } = scriptedStore();
    const runs = new OcrRuns(store, () => undefined, { newEngine, idleMs: 200 });
    const first = runs.run('a');
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    pending[0]!.finish();
    await first;
    const second = runs.run('b');
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    expect(made).toHaveLength(1);
    expect(pending[1]!.engine).toBe(made[0]!.engine);
    pending[1]!.finish();
    await second;
    expect(made[0]!.close).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(made[0]!.close).toHaveBeenCalledTimes(1), { timeout: 5000 });
  });

  it('a lock cancels every run and closes the engine at once', async () => {
    const { made, newEngine } = countedEngines();
    const { pending, store } = scriptedStore();
    const runs = new OcrRuns(store, () => undefined, { newEngine, idleMs: 60_000 });
    const done = ['a', 'b'].map((id) => runs.run(id));
    await vi.waitFor(() => expect(pending).toHaveLength(2));
    await runs.cancelAll();
    expect(pending.map((p) => p.signal?.aborted)).toEqual([true, true]);
    expect(made[0]!.close).toHaveBeenCalledTimes(1);
    for (const run of done) await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('with the real engine: three images recognised one after another load it once', async () => {
    const { made, newEngine } = countedEngines();
    const { vault } = await vaults.create();
    const record = vault.addRecord({ title: 'Letters', lang: 'es' });
    const loadedFor = new Set<string>();
    const runs = new OcrRuns(
      () => vault.attachments,
      (_event, payload) => {
        const { id, stage } = payload as { id: string; stage: string };
        if (/loading|initializ/.test(stage)) loadedFor.add(id);
      },
      { newEngine, idleMs: 0 },
    );
    const ids: string[] = [];
    for (const entry of ocrCorpus().filter((e) => ['spa', 'fra', 'eng'].includes(e.lang))) {
      const info = await vault.attachments.attachStream(
        record.id,
        fromBuffer(fixtureBytes(entry.file)),
        { name: entry.file },
      );
      ids.push(info.id);
    }
    await Promise.all(ids.map((id) => runs.run(id, ['spa'])));
    expect(made).toHaveLength(1);
    expect(made[0]!.engine.workersStarted).toBe(1);
    // Only the first file waited for the engine and its language data to load.
    expect([...loadedFor]).toEqual([ids[0]]);
    for (const id of ids) expect(vault.attachments.get(id).hasText).toBe(true);
    // The queue is empty: the engine's worker is gone.
    await vi.waitFor(() => expect(made[0]!.close).toHaveBeenCalled());
    expect(made[0]!.engine.loaded).toBe(false);
  }, 120_000);
});
