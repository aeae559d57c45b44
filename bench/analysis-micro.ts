/**
 * The index analysis alone, as one index worker does it, on the bench corpus: the language guess
 * for the records without a language (as SearchService.indexLanguage does it), buildDoc, and the
 * segment build, in batches of BATCH documents on one thread, from cold word caches.
 *
 *   node --expose-gc --import tsx bench/analysis-micro.ts [DOCS] [BATCH] [SHORT]
 *
 * Prints one JSON line: CPU time per phase (process.cpuUsage, one thread), the SHA-256 of every
 * segment built (in order) and of the guessed languages, so that old and new code can be run in
 * alternating processes and compared: same bytes, less time. SHORT=1 cuts each record as the
 * short-item import does (5 title words, 45 body words, tags; no narrator, place, notes).
 * PART=k/n keeps only the batches worker k of n gets when batches are dealt in turn, and
 * LANGS=es,en,... only the documents of those languages (after the guess): what one index
 * worker does with and without language lanes (src/core/search/language-lanes.ts).
 */
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { SearchEngine, type SearchDoc } from '../src/shared/search';
import { detectLanguage } from '../src/shared/text/language';
import { createCorpus } from './corpus';

const docs = Number(process.argv[2] ?? 5000);
const batch = Number(process.argv[3] ?? 2500);
const short = process.argv[4] === '1';

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** A short item as the short-item import gives it: the other fields empty. */
function shorten(d: SearchDoc): SearchDoc {
  return {
    ...d,
    title: d.title.split(/\s+/).slice(0, 5).join(' '),
    body: d.body.split(/\s+/).slice(0, 45).join(' '),
    narrator: '',
    place: '',
    notes: '',
    attachmentText: '',
  };
}

const corpus = createCorpus(42);
const all: SearchDoc[] = [];
for (let i = 0; i < docs; i++) {
  const d = corpus.doc(i);
  all.push(short ? shorten(d) : d);
}
// Experiments: PART=k/n keeps the batches a worker k of n would get in turn; LANGS=a,b keeps
// the documents of those languages (after the guess).
const [partK, partN] = (process.env.PART ?? '0/1').split('/').map(Number) as [number, number];
const only = process.env.LANGS?.split(',');
const load0 = loadavg()[0] as number;

let c = cpuMs();
const langs = createHash('sha256');
let guessed = 0;
for (const d of all) {
  if (!d.lang) {
    d.lang = detectLanguage(`${d.title}\n${d.body.slice(0, 4000)}`);
    guessed++;
    langs.update(`${d.id}=${d.lang}\n`);
  }
}
const detectMs = cpuMs() - c;

const mine = all.filter(
  (d, i) => Math.floor(i / batch) % partN === partK && (!only || only.includes(d.lang ?? '')),
);
all.length = 0;
all.push(...mine);
c = cpuMs();
const segs = createHash('sha256');
let bytes = 0;
for (let i = 0; i < all.length; i += batch) {
  const seg = SearchEngine.buildSegment(`s${i}`, all.slice(i, i + batch));
  segs.update(seg);
  bytes += seg.length;
}
const buildMs = cpuMs() - c;

console.log(
  JSON.stringify({
    docs,
    kept: mine.length,
    batch,
    short,
    guessed,
    detectMs: Math.round(detectMs),
    buildMs: Math.round(buildMs),
    totalMs: Math.round(detectMs + buildMs),
    bytes,
    segments: segs.digest('hex').slice(0, 16),
    langs: langs.digest('hex').slice(0, 16),
    load: [load0, loadavg()[0] as number].map((l) => Number(l.toFixed(1))),
  }),
);
