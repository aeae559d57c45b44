import { useEffect, useState } from 'react';
import type { AppInfo, Settings, VaultStatus } from '../../../shared/ipc/types';
import { call } from '../api/client';

export interface Boot {
  info: AppInfo;
  settings: Settings;
  status: VaultStatus;
}

/**
 * What the app needs before any screen: its info, the settings (the language) and whether a
 * vault exists. Read once at start, outside the unlocked session's cache (which a lock clears).
 */
export function useBoot() {
  const [boot, setBoot] = useState<Boot | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    Promise.all([call('app.info', {}), call('settings.get', {}), call('vault.status', {})])
      .then(([info, settings, status]) => setBoot({ info, settings, status }))
      .catch(() => setFailed(true));
  }, []);
  return { boot, failed, setBoot };
}
