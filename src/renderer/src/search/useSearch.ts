import { useEffect, useMemo, useState } from 'react';
import { SearchClient, type SearchStatus } from './client';

export interface SearchHandle {
  status: SearchStatus;
  /** Bumped when the index changed, so results on screen are asked for again. */
  generation: number;
  run: (query: string) => Promise<{ ids: string[]; total: number }>;
  invalidate: () => void;
}

/** One search client per unlocked session; unmounting (lock) terminates its worker. */
export function useSearch(): SearchHandle {
  const [status, setStatus] = useState<SearchStatus>('idle');
  const [generation, setGeneration] = useState(0);
  const client = useMemo(() => new SearchClient(setStatus), []);
  useEffect(() => () => client.dispose(), [client]);
  const run = useMemo(() => (query: string) => client.run(query), [client]);
  const invalidate = useMemo(
    () => () => {
      client.invalidate();
      setGeneration((g) => g + 1);
    },
    [client],
  );
  return useMemo(
    () => ({ status, generation, run, invalidate }),
    [status, generation, run, invalidate],
  );
}
