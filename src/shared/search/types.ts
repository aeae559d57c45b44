/** Public types of the search engine (the contract used by core, CLI and the renderer worker). */

export type SearchConsentStatus = 'given' | 'withdrawn' | 'unknown';
export type SearchConsentScope = 'archive-only' | 'share-with-partners' | 'publish-anonymised';

export interface SearchDoc {
  id: string;
  /** BCP-47 (or ISO 639-3, as franc-min returns); '' when unknown. */
  lang: string;
  title: string;
  body: string;
  narrator: string;
  place: string;
  tags: string[];
  notes: string;
  /** Attachment descriptions and extracted text, joined. */
  attachmentText: string;
  consentStatus: SearchConsentStatus;
  consentScope: SearchConsentScope;
  /** YYYY, YYYY-MM or YYYY-MM-DD, or null. */
  date: string | null;
  hasAttachments: boolean;
}

export interface SearchFilters {
  /** Every listed tag must be present (case- and accent-insensitive). */
  tags?: string[];
  /**
   * Each group needs at least one of its tags (case- and accent-insensitive): a vocabulary
   * concept is the group of its names in every language.
   */
  anyTags?: string[][];
  /** Any of these languages; 'pt' matches 'pt-BR'; '' matches documents without a language. */
  langs?: string[];
  /** Any of these statuses. */
  consentStatus?: string[];
  /** Any of these scopes. */
  consentScope?: string[];
  /** Inclusive; YYYY, YYYY-MM or YYYY-MM-DD. Documents whose (partial) date overlaps match. */
  dateFrom?: string;
  dateTo?: string;
  hasAttachments?: boolean;
}

export interface SearchHit {
  id: string;
  score: number;
}

export interface ParsedQuery {
  /** Words to find (as typed), including the words of quoted phrases; excludes `prefix`. */
  terms: string[];
  /** Quoted phrases (as typed, without quotes), to verify with matchesPhrases. */
  phrases: string[];
  /** The last word when it may still be being typed (search-as-you-type), else null. */
  prefix: string | null;
  /** Words joined by OR (`a OR b`): each group needs one of its words. Excludes `prefix`. */
  anyOf: string[][];
  /** The prefix is one more alternative of the last `anyOf` group (`a OR pol`). */
  prefixInGroup: boolean;
  /** Words after a minus (`-word`): documents with any of them are left out. */
  excluded: string[];
  /** Phrases after a minus (`-"a b"`, `-anti-derechos`): checked on the text, like phrases. */
  excludedPhrases: string[];
  raw: string;
}

export interface SearchResult {
  /** Ranked hits, best first (ties broken by id). */
  hits: SearchHit[];
  /** All matches before offset/limit (phrases not yet verified). */
  total: number;
  query: ParsedQuery;
}

export interface SearchOptions {
  /** Default 20. */
  limit?: number;
  offset?: number;
  filters?: SearchFilters;
  /**
   * Language to process the query in. Default: every language present in the index (or in
   * filters.langs when given), the union of their stemmed forms.
   */
  lang?: string;
  /** Treat the last word as a prefix (default true; the CLI may pass false). */
  prefix?: boolean;
}
