/**
 * The language a document is indexed in: the one the user gave, else a guess from the start of
 * its text (franc-min, which compares it with 80 languages: about half of the main thread's
 * reading-back time when records come without one). Bulk builds leave the guess to the worker
 * that analyses the document (LANG_TO_GUESS), so the thread that reads records does not pay it.
 */
import type { SearchDoc } from '../../shared/search';
import { GUESS_SAMPLE_CHARS, detectLanguage } from '../../shared/text/language';

/** A document's `lang` when the worker building its segment is to guess it. */
export const LANG_TO_GUESS = '\u0000guess';

/** The guess of a record's language (the same text for the index and for its snippets). */
export function guessLanguage(title: string, body: string): string {
  // detectLanguage reads only the first GUESS_SAMPLE_CHARS: slicing first spares joining a long
  // body.
  return detectLanguage(`${title}\n${body.slice(0, GUESS_SAMPLE_CHARS)}`);
}

/** `docs` with every LANG_TO_GUESS replaced by the guess (in place: the batch is the caller's). */
export function resolveLanguages(docs: SearchDoc[]): SearchDoc[] {
  for (const doc of docs) {
    if (doc.lang === LANG_TO_GUESS) doc.lang = guessLanguage(doc.title, doc.body);
  }
  return docs;
}
