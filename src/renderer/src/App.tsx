import { useCallback, useEffect, useRef, useState } from 'react';
import { type Language, languageForLocale, translate } from '../../shared/i18n';
import type { LockReason, Settings, VaultStatus } from '../../shared/ipc/types';
import { call, onEvent } from './api/client';
import { useBoot } from './data/useBoot';
import { I18nProvider } from './i18n/I18n';
import { CreateVault } from './screens/CreateVault';
import { Unlock } from './screens/Unlock';
import { Workspace } from './screens/Workspace';
import { usePanicShortcut } from './ui/usePanicShortcut';

/**
 * The app's states: no vault yet, locked, unlocked. Everything decrypted lives under
 * <Workspace>, which is keyed by the lock epoch: a lock (from any source) unmounts it, so its
 * state, caches and the search worker are gone, and a new unlock starts from nothing.
 */
export function App() {
  const { boot, failed, setBoot } = useBoot();
  const [epoch, setEpoch] = useState(0);
  const [lockReason, setLockReason] = useState<LockReason | null>(null);
  // Whether a form held unsaved changes: a lock discards them, and the lock screen says so.
  const dirty = useRef(false);
  const [draftDiscarded, setDraftDiscarded] = useState(false);

  const locked = useCallback((reason: LockReason) => {
    setEpoch((e) => e + 1);
    setLockReason(reason);
    // Main confirms a lock with an event too: the second call must not forget the first's draft.
    if (dirty.current) setDraftDiscarded(true);
    dirty.current = false;
    setBoot((b) => (b ? { ...b, status: { ...b.status, state: 'locked' } } : b));
  }, []);

  useEffect(() => onEvent('vault.locked', ({ reason }) => locked(reason)), [locked]);

  const lock = useCallback(
    (reason: 'user' | 'shortcut') => {
      // Drop the decrypted state at once, whatever main answers.
      locked(reason);
      void call('vault.lock', { reason }).catch(() => undefined);
    },
    [locked],
  );
  const onDirty = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);
  usePanicShortcut(boot?.status.state === 'unlocked', () => lock('shortcut'));

  const setStatus = (status: VaultStatus) => setBoot((b) => (b ? { ...b, status } : b));
  const setSettings = (settings: Settings) => setBoot((b) => (b ? { ...b, settings } : b));
  const setLanguage = async (language: Language) =>
    setSettings(await call('settings.set', { language }));

  if (failed) {
    // Settings may be what failed to load: fall back to the system's language.
    return (
      <p role="alert">{translate(languageForLocale(navigator.language), 'app.startFailed')}</p>
    );
  }
  if (!boot) return null;
  const { status, settings, info } = boot;
  return (
    <I18nProvider language={settings.language} region={settings.region}>
      {status.state === 'absent' && (
        <CreateVault onLanguage={setLanguage} onDone={(s) => setStatus(s)} />
      )}
      {status.state === 'locked' && (
        <Unlock
          reason={lockReason}
          draftDiscarded={draftDiscarded}
          onLanguage={setLanguage}
          onUnlocked={(s) => {
            setLockReason(null);
            setDraftDiscarded(false);
            setStatus(s);
          }}
        />
      )}
      {status.state === 'unlocked' && (
        <Workspace
          key={epoch}
          info={info}
          settings={settings}
          onSettings={setSettings}
          onLock={() => lock('user')}
          onDirty={onDirty}
        />
      )}
    </I18nProvider>
  );
}
