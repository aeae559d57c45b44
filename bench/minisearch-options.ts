/** MiniSearch configured like the engine: the same fields and boosts, AND, prefix on the last word. */
import type { Options } from 'minisearch';
import type { SearchDoc } from '../src/shared/search';

export const MINISEARCH_OPTIONS: Options<SearchDoc> = {
  fields: ['title', 'body', 'narrator', 'place', 'tags', 'notes', 'attachmentText'],
  storeFields: [],
  extractField: (doc, field) =>
    field === 'tags' ? (doc.tags ?? []).join(' ') : String(doc[field as keyof SearchDoc] ?? ''),
  searchOptions: {
    boost: { title: 3, tags: 2.5, narrator: 1.5, place: 1.5, attachmentText: 0.8 },
    prefix: (_term, i, terms) => i === terms.length - 1,
    combineWith: 'AND',
  },
};
