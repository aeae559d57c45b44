import { afterEach, describe, expect, it } from 'vitest';
import { OCR_LIMITS, OcrEngine } from '../../src/core/attachments/ocr/ocr-worker';
import { fixtureBytes, ocrCorpus, wordRecall } from './ocr-helpers';

/**
 * The engine kept loaded across images (issue 14, point 2): language data is loaded once per
 * engine, not once per image, while each image keeps its own limits and cancel.
 */
const corpus = ocrCorpus();
const entry = (lang: string) => corpus.find((e) => e.lang === lang)!;
const engines: OcrEngine[] = [];

afterEach(async () => {
  await Promise.all(engines.splice(0).map((engine) => engine.close()));
});

function openEngine(opts: ConstructorParameters<typeof OcrEngine>[0] = {}): OcrEngine {
  const engine = new OcrEngine(opts);
  engines.push(engine);
  return engine;
}

/** Recognises one corpus image with `engine`, returning its recall and the stages it went through. */
async function read(engine: OcrEngine, lang: 'spa' | 'eng', limits = OCR_LIMITS) {
  const sample = entry(lang);
  const stages = new Set<string>();
  const result = await engine.recognize(fixtureBytes(sample.file), {
    languages: [lang],
    limits,
    onProgress: (_fraction, stage) => stages.add(stage),
  });
  return {
    result,
    recall: 'text' in result ? wordRecall(sample.text, result.text) : 0,
    loaded: [...stages].some((stage) => /loading|initializ/.test(stage)),
  };
}

describe('an OCR engine kept across images', () => {
  it('loads its language data once for several images, and again for other languages', async () => {
    const engine = openEngine();
    const first = await read(engine, 'spa');
    const second = await read(engine, 'spa');
    expect(first).toMatchObject({ loaded: true });
    expect(first.recall).toBeGreaterThan(0.7);
    // Same engine, same languages: straight to recognising, and the same text.
    expect(second).toMatchObject({ loaded: false, result: first.result });
    const other = await read(engine, 'eng');
    expect(other.loaded).toBe(true);
    expect(other.recall).toBeGreaterThan(0.7);
  }, 120_000);

  it('a limit crossed ends that image only: the next one gets a fresh engine', async () => {
    const engine = openEngine();
    expect((await read(engine, 'spa')).loaded).toBe(true);
    const cut = await read(engine, 'spa', { ...OCR_LIMITS, timeMs: 100 });
    expect(cut.result).toEqual({ failed: 'time-limit' });
    const after = await read(engine, 'spa');
    expect(after.loaded).toBe(true);
    expect(after.recall).toBeGreaterThan(0.7);
  }, 120_000);

  it('cancelling one image rejects it and leaves the engine usable', async () => {
    const engine = openEngine();
    await read(engine, 'eng');
    const controller = new AbortController();
    const sample = entry('eng');
    await expect(
      engine.recognize(fixtureBytes(sample.file), {
        languages: ['eng'],
        signal: controller.signal,
        onProgress: () => controller.abort(),
      }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    const after = await read(engine, 'eng');
    expect(after.recall).toBeGreaterThan(0.7);
  }, 120_000);

  it('ends its worker after `recycleAfter` images (memory back); the next image loads afresh', async () => {
    const engine = openEngine({ recycleAfter: 2 });
    const reads = [];
    for (let i = 0; i < 3; i++) {
      reads.push(await read(engine, 'spa'));
      if (i === 1) expect(engine.loaded).toBe(false);
    }
    expect(reads.map((r) => r.loaded)).toEqual([true, false, true]);
    expect(engine.workersStarted).toBe(2);
    expect(reads[2]!.result).toEqual(reads[0]!.result);
  }, 120_000);
});
