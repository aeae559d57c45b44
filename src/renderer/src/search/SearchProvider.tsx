import { type ReactNode, createContext, useContext } from 'react';
import { type SearchHandle, useSearch } from './useSearch';

const Context = createContext<SearchHandle | null>(null);

/**
 * One search worker per unlocked session, shared by every screen. Workspace is unmounted on
 * lock, and with it this provider: the worker, and the index in it, are terminated.
 */
export function SearchProvider({ children }: { children: ReactNode }) {
  const search = useSearch();
  return <Context.Provider value={search}>{children}</Context.Provider>;
}

export function useSearchHandle(): SearchHandle {
  const value = useContext(Context);
  if (!value) throw new Error('useSearchHandle outside SearchProvider');
  return value;
}

/** What a change to the vault's searchable content calls: the next search reloads the index. */
export function useIndexChanged(): () => void {
  return useSearchHandle().invalidate;
}
