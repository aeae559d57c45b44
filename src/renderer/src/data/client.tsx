import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';

/**
 * The unlocked session's cache of what main decrypted for the screen. Nothing is refetched
 * behind the person's back (no retries, no refetch on focus, never stale): the cache changes
 * only when this app changes the vault, through the invalidations in the resource hooks.
 */
function makeClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: false,
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
      },
      mutations: { retry: false },
    },
  });
}

/**
 * One cache per unlocked session. Workspace is unmounted on lock, and with it this provider:
 * the cache is cleared so no decrypted value outlives the lock.
 */
export function VaultDataProvider({ children }: { children: ReactNode }) {
  const [client] = useState(makeClient);
  useEffect(() => () => client.clear(), [client]);
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
