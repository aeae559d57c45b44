import { analyzeWord, baseLanguage } from './languages';
import { forEachToken } from './text';

/**
 * The index terms of `text` in order, exactly as a document in `lang` is indexed (stop words
 * dropped; an accented word may yield two stems, see languages.ts). For debugging and tests.
 */
export function normaliseForSearch(text: string, lang = ''): string[] {
  const out: string[] = [];
  const l = baseLanguage(lang);
  forEachToken(typeof text === 'string' ? text : '', (raw) => {
    const a = analyzeWord(raw, l);
    if (!a.stop) out.push(...a.terms);
  });
  return out;
}
