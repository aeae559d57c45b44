import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Snippet } from '../../../shared/ipc/types';
import { needsTextCheck, parseQuery } from '../../../shared/search/query';
import { call } from '../api/client';
import { useSearchHandle } from './SearchProvider';

/** How many of the best hits get a highlighted snippet from main. */
const SNIPPETS_FOR = 30;
/** Phrase checks are made by main on at most this many of the worker's matches. */
const PHRASE_CHECK_LIMIT = 10_000;

const NO_SNIPPETS: ReadonlyMap<string, Snippet> = new Map();

export interface SearchResults {
  /** The matching ids, best first; null when there is no query (the list is not searched). */
  ids: string[] | null;
  snippets: ReadonlyMap<string, Snippet>;
}

/**
 * Search as you type: the worker ranks, main checks quoted phrases and highlights the best few.
 * Results are keyed by query and index generation, so an answer to an older query or an older
 * index is never shown; while a new answer is on its way the previous one stays on screen.
 * Withheld records get no snippet: their text does not even reach the page.
 */
export function useSearchResults(
  query: string,
  /** Records whose text must not be shown yet (behind a content warning): no snippet asked. */
  withheld: (id: string) => boolean,
): SearchResults {
  const { run, generation } = useSearchHandle();
  const active = query !== '';
  const ranked = useQuery({
    queryKey: ['search', 'ranked', query, generation],
    enabled: active,
    gcTime: 0,
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const result = await run(query);
      // Quoted phrases (kept or left out): the worker matched words; main checks the phrases.
      return needsTextCheck(parseQuery(query))
        ? call('search.verifyPhrases', { ids: result.ids.slice(0, PHRASE_CHECK_LIMIT), query })
        : result.ids;
    },
  });
  const ids = active ? (ranked.isError ? [] : (ranked.data ?? null)) : null;
  const top = ids?.filter((id) => !withheld(id)).slice(0, SNIPPETS_FOR) ?? [];
  const snippets = useQuery({
    queryKey: ['search', 'snippets', query, generation, top],
    enabled: active && top.length > 0 && !ranked.isPlaceholderData,
    gcTime: 0,
    placeholderData: keepPreviousData,
    queryFn: async () => {
      const found = await call('search.snippets', { ids: top, query });
      return new Map(found.map((s) => [s.id, s]));
    },
  });
  return { ids, snippets: active ? (snippets.data ?? NO_SNIPPETS) : NO_SNIPPETS };
}
