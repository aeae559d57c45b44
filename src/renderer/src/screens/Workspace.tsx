import { useState } from 'react';
import type { AppInfo, Settings } from '../../../shared/ipc/types';
import { ArchiveView } from '../archive/ArchiveView';
import { VaultDataProvider } from '../data/client';
import { useI18n } from '../i18n/I18n';
import { SearchProvider } from '../search/SearchProvider';
import { SettingsView } from '../settings/SettingsView';
import { PartnersView } from '../sharing/PartnersView';
import { TeamSyncListener } from '../team/TeamSyncListener';
import { TeamView } from '../team/TeamView';
import { ImportWizard } from '../import/ImportWizard';
import { UnsavedGuard, useUnsavedGuard } from '../ui/UnsavedGuard';

type View = 'archive' | 'sharing' | 'team' | 'settings';

/** Shortcut as people read it on their platform. */
function shortcutLabel(accelerator: string): string {
  const mac = /Mac/.test(navigator.platform);
  return accelerator.replace('CommandOrControl', mac ? '⌘' : 'Ctrl').replace(/\+/g, '+');
}

interface WorkspaceProps {
  info: AppInfo;
  settings: Settings;
  onSettings: (settings: Settings) => void;
  onLock: () => void;
  /** Whether a form holds unsaved changes (a lock discards them; the lock screen says so). */
  onDirty: (dirty: boolean) => void;
}

/**
 * The unlocked app. Everything decrypted is held under this component; App unmounts it on lock.
 */
export function Workspace({ onDirty, ...props }: WorkspaceProps) {
  return (
    <UnsavedGuard onDirty={onDirty}>
      <WorkspaceBody {...props} />
    </UnsavedGuard>
  );
}

function WorkspaceBody({ info, settings, onSettings, onLock }: Omit<WorkspaceProps, 'onDirty'>) {
  const { t } = useI18n();
  const { guard } = useUnsavedGuard();
  const [view, setView] = useState<View>('archive');
  // The import wizard takes the archive's place while it is open.
  const [importing, setImporting] = useState(false);
  const tabs: [View, string][] = [
    ['archive', t('nav.archive')],
    ['sharing', t('nav.sharing')],
    ['team', t('nav.team')],
    ['settings', t('nav.settings')],
  ];
  return (
    <div className="workspace">
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="topbar">
        <span className="brand">{t('app.title')}</span>
        <nav aria-label={t('nav.label')}>
          <ul>
            {tabs.map(([key, label]) => (
              <li key={key}>
                <button
                  type="button"
                  aria-current={view === key ? 'page' : undefined}
                  onClick={() =>
                    view !== key &&
                    guard(() => {
                      setImporting(false);
                      setView(key);
                    })
                  }
                >
                  {label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <button
          type="button"
          className="lock-button"
          onClick={onLock}
          aria-keyshortcuts={info.panicShortcut.replace('CommandOrControl', 'Control')}
        >
          {t('lock.now')} <kbd dir="ltr">{shortcutLabel(info.panicShortcut)}</kbd>
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <VaultDataProvider>
          <SearchProvider>
            <TeamSyncListener />
            {view === 'archive' &&
              (importing ? (
                <ImportWizard onClose={() => setImporting(false)} />
              ) : (
                <ArchiveView onImport={() => setImporting(true)} />
              ))}
            {view === 'sharing' && <PartnersView />}
            {view === 'team' && <TeamView settings={settings} onSettings={onSettings} />}
            {view === 'settings' && <SettingsView settings={settings} onSettings={onSettings} />}
          </SearchProvider>
        </VaultDataProvider>
      </main>
    </div>
  );
}
