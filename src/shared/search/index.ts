/** Multilingual full-text search on lunr's language tools: see docs/search.md. */
export {
  SearchEngine,
  SEGMENT_TARGET,
  DELTA_MAX,
  AUTO_MERGE_MAX,
  MANIFEST_ID,
  type EngineOptions,
} from './engine';
export {
  parseQuery,
  hasPositiveTerms,
  needsTextCheck,
  MAX_QUERY_CHARS,
  OR_OPERATOR,
  type ParseOptions,
} from './query';
export {
  makeSnippet,
  matchesPhrases,
  containsAnyPhrase,
  passesTextCheck,
  type Snippet,
  type SnippetOptions,
} from './snippet';
export { normaliseForSearch } from './normalise';
export { baseLanguage, clearWordCaches, hasStemmer, STEMMED_LANGUAGES } from './languages';
export { FIELDS, FIELD_BOOSTS, normaliseTag } from './analyze';
export type {
  ParsedQuery,
  SearchConsentScope,
  SearchConsentStatus,
  SearchDoc,
  SearchFilters,
  SearchHit,
  SearchOptions,
  SearchResult,
} from './types';
