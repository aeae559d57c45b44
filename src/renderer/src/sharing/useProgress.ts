import { useEffect, useState } from 'react';
import type { EventPayloads } from '../../../shared/ipc/types';
import { onEvent } from '../api/client';

export type BundleProgress = EventPayloads['bundles.progress'];

/** The latest progress main reports while it writes, verifies or imports a bundle. */
export function useBundleProgress(active: boolean): BundleProgress | null {
  const [progress, setProgress] = useState<BundleProgress | null>(null);
  useEffect(() => {
    if (!active) {
      setProgress(null);
      return;
    }
    return onEvent('bundles.progress', setProgress);
  }, [active]);
  return progress;
}
