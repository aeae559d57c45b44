import { useEffect, useMemo, useState } from 'react';
import { SearchClient, type SearchStatus } from './client';

export interface SearchHandle {
  enabled: boolean;
  status: SearchStatus;
  /** Bumped when the index changed, so results on screen are asked for again. */
  generation: number;
  run: (query: string) => Promise<{ ids: string[]; total: number }>;
  invalidate: () => void;
}

/** One search client per unlocked session; unmounting (lock) terminates its worker. */
export function useSearch(enabled: boolean): SearchHandle {
  const [status, setStatus] = useState<SearchStatus>(enabled ? 'idle' : 'off');
  const [generation, setGeneration] = useState(0);
  const client = useMemo(() => (enabled ? new SearchClient(setStatus) : null), [enabled]);
  useEffect(() => () => client?.dispose(), [client]);
  const run = useMemo(
    () => (query: string) =>
      client ? client.run(query) : Promise.resolve({ ids: [] as string[], total: 0 }),
    [client],
  );
  const invalidate = useMemo(
    () => () => {
      client?.invalidate();
      setGeneration((g) => g + 1);
    },
    [client],
  );
  return useMemo(
    () => ({ enabled: client !== null, status, generation, run, invalidate }),
    [client, status, generation, run, invalidate],
  );
}
