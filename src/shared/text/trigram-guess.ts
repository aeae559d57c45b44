/**
 * franc-min's language guess, computed over typed arrays: the same models (franc-min's data
 * and script expressions, imported from the package), the same distance, the same answer for
 * every input (a test compares both on the UDHR in every language franc-min knows, on the
 * bench corpus and on random text).
 *
 * Why not call franc: it keeps each language's 300 trigrams in an object and asks it about
 * every trigram of the text, one property lookup (a string hash) per trigram per language of
 * the script, about 40 for Latin; with the counting of the text's trigrams in another object,
 * that was about 1 ms a document, a twentieth of indexing a testimony. Here each trigram of the
 * text is looked up once, in a Map of every trigram of the script's models, and its ranks in
 * all the languages are read from one row of an Int16Array.
 */
import { data } from 'franc-min/data.js';
import { expressions } from 'franc-min/expressions.js';
import { clean } from 'trigram-utils';

/** franc-min's own constants (index.js). */
const MAX_LENGTH = 2048;
const MAX_DIFFERENCE = 300;
const UNDETERMINED = 'und';

interface ScriptModel {
  /** The script's languages, in franc-min's order (ties go to the first). */
  languages: string[];
  /** Every trigram of the script's models -> its row in `ranks`. */
  rows: Map<string, number>;
  /** rows x languages: the trigram's rank in each language's model, -1 where absent. */
  ranks: Int16Array;
}

const models = new Map<string, ScriptModel>();

function scriptModel(script: string): ScriptModel {
  let model = models.get(script);
  if (model) return model;
  const byLanguage = data[script] as Record<string, string>;
  const languages = Object.keys(byLanguage);
  const rows = new Map<string, number>();
  const lists = languages.map((name) => (byLanguage[name] as string).split('|'));
  for (const list of lists)
    for (const trigram of list) if (!rows.has(trigram)) rows.set(trigram, rows.size);
  const ranks = new Int16Array(rows.size * languages.length).fill(-1);
  lists.forEach((list, l) => {
    // franc-min numbers a model from its end down, so a trigram listed twice keeps its first rank.
    for (let rank = list.length - 1; rank >= 0; rank--) {
      ranks[(rows.get(list[rank] as string) as number) * languages.length + l] = rank;
    }
  });
  model = { languages, rows, ranks };
  models.set(script, model);
  return model;
}

/** franc-min's script expressions, in its order (listed once, not at each guess). */
const SCRIPT_EXPRESSIONS = Object.entries(expressions);

/** The script whose expression matches most characters, first in franc-min's order on ties. */
function topScript(value: string): [string | undefined, number] {
  let topCount = -1;
  let top: string | undefined;
  for (const [script, expression] of SCRIPT_EXPRESSIONS) {
    const matches = value.match(expression);
    const count = (matches ? matches.length : 0) / value.length || 0;
    if (count > topCount) {
      topCount = count;
      top = script;
    }
  }
  return [top, topCount];
}

/** How often each trigram occurs in the text (trigram-utils' trigrams, padded with spaces). */
function trigramCounts(value: string): Map<string, number> {
  const padded = ` ${clean(value)} `;
  const counts = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const trigram = padded.slice(i, i + 3);
    counts.set(trigram, (counts.get(trigram) ?? 0) + 1);
  }
  return counts;
}

/** What `franc(value, { minLength })` returns: an ISO 639-3 code, or 'und'. */
export function guessIso639_3(text: string, minLength: number): string {
  if (!text || text.length < minLength) return UNDETERMINED;
  const value = text.slice(0, MAX_LENGTH);
  const [script, share] = topScript(value);
  if (script === undefined || !(script in data)) {
    return script === undefined || share === 0 ? UNDETERMINED : script;
  }
  const model = scriptModel(script);
  const width = model.languages.length;
  const distances = new Float64Array(width);
  for (const [trigram, count] of trigramCounts(value)) {
    const row = model.rows.get(trigram);
    // A trigram no model has adds MAX_DIFFERENCE to every language: it changes no ranking.
    if (row === undefined) continue;
    const at = row * width;
    for (let l = 0; l < width; l++) {
      const rank = model.ranks[at + l] as number;
      distances[l] =
        (distances[l] as number) + (rank < 0 ? MAX_DIFFERENCE : Math.abs(count - rank - 1));
    }
  }
  let best = 0;
  for (let l = 1; l < width; l++)
    if ((distances[l] as number) < (distances[best] as number)) best = l;
  return model.languages[best] as string;
}
