/**
 * What the OCR worker runs (ocr-worker.ts starts it). Plain CommonJS run with `eval`, like the
 * PDF text worker, so that no separate file has to be found next to a bundle.
 *
 * tesseract.js normally spawns its own worker thread, without resource limits, and gives its
 * engine an adapter that fetches language data from a CDN and caches it on disk. Here its worker
 * script runs inside *our* thread (the one with `resourceLimits`, a time limit and a memory
 * watch) and gets an adapter that can do neither:
 *
 * - `fetch` always rejects: nothing is ever downloaded;
 * - `readCache` reads only `<LANG_ROOT>/<lang>.traineddata.gz`, mapped to the file inside the
 *   `@tesseract.js-data/<lang>` package the parent resolved; anything else rejects;
 * - `writeCache` rejects and `checkCache` says no, and `cacheMethod: 'none'` keeps tesseract.js
 *   from trying: no traineddata cache is written anywhere;
 * - the image goes to the engine's in-memory file system (Emscripten MEMFS), never to disk.
 *
 * The parent sends one image at a time, `{ shared }`, in shared memory that it zeroes once
 * answered; the engine's own copy (the file `/input` in its in-memory file system) is deleted
 * once the image is read. Messages to the parent: `{ progress, status }` while working, then `{ ok: true, text,
 * confidence }`, `{ ok: false, reason: 'unreadable' }` (the engine refused the image; it stays
 * loaded for the next one) or `{ ok: false, loadError }` (tesseract.js itself could not be
 * loaded: a broken installation).
 */
export const LANG_ROOT = '/tvault-ocr-languages';

export const OCR_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFile } = require('node:fs/promises');
const { gunzipSync } = require('node:zlib');
const { scriptPath, corePath, languageFiles, langs, langRoot } = workerData;
let engine = null;
let loadError = null;
try {
  engine = require(scriptPath);
  const getCore = require(corePath);
  engine.setAdapter({
    getCore,
    gunzip: gunzipSync,
    fetch: () => Promise.reject(new Error('OCR never fetches: language data comes from packages')),
    readCache: (path) => {
      const prefix = langRoot + '/';
      const name = typeof path === 'string' && path.startsWith(prefix) ? path.slice(prefix.length) : '';
      const match = /^([a-z_]+)\\.traineddata\\.gz$/.exec(name);
      const file = match && Object.prototype.hasOwnProperty.call(languageFiles, match[1]) ? languageFiles[match[1]] : null;
      return file ? readFile(file) : Promise.reject(new Error('not a bundled language'));
    },
    writeCache: () => Promise.reject(new Error('OCR writes nothing to disk')),
    deleteCache: () => Promise.resolve(),
    checkCache: () => Promise.resolve(false),
  });
} catch (error) {
  engine = null;
  loadError = String((error && error.code) || 'load failed');
}
let nextJob = 0;
function run(action, payload) {
  return new Promise((resolve, reject) => {
    const jobId = 'job-' + nextJob++;
    engine.dispatchHandlers({ workerId: 'tvault', jobId, action, payload }, (packet) => {
      if (packet.status === 'resolve') resolve(packet.data);
      else if (packet.status === 'reject') reject(new Error(String(packet.data)));
      else if (packet.status === 'progress' && packet.data)
        parentPort.postMessage({ progress: packet.data.progress, status: packet.data.status });
    });
  });
}
// The engine and its language data are loaded at the first image and kept for the next ones
// (limited-session.ts): one load per PDF or per OCR run instead of one per page.
let ready = null;
function load() {
  return (async () => {
    await run('load', { options: { lstmOnly: true, logging: false } });
    await run('loadLanguage', {
      langs,
      options: { langPath: langRoot, cacheMethod: 'none', gzip: true, lstmOnly: true },
    });
    await run('initialize', { langs, oem: 1 });
  })();
}
parentPort.on('message', async ({ shared }) => {
  if (!engine) {
    parentPort.postMessage({ ok: false, loadError });
    return;
  }
  try {
    ready = ready || load();
    await ready;
  } catch (error) {
    parentPort.postMessage({ ok: false, loadError: 'engine or language data failed to load' });
    return;
  }
  // Read in place: the engine copies it into its file system anyway, and the parent zeroes
  // the shared memory once this image is answered (or this worker is gone).
  const image = new Uint8Array(shared);
  let result;
  try {
    result = await run('recognize', {
      image,
      options: {},
      output: { text: true, blocks: false, hocr: false, tsv: false },
    });
  } catch (error) {
    parentPort.postMessage({ ok: false, reason: 'unreadable' });
    return;
  } finally {
    // The engine's copy of the image: gone before the next one, not kept until it is replaced.
    await run('FS', { method: 'unlink', args: ['/input'] }).catch(() => undefined);
  }
  parentPort.postMessage({ ok: true, text: String(result.text || ''), confidence: Number(result.confidence) || 0 });
});
`;
