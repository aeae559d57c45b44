import { useState } from 'react';
import type { Settings } from '../../../shared/ipc/types';
import { call } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { useFocusOnMount } from '../ui/focus';
import { LanguagePicker } from '../ui/LanguagePicker';
import { MinutesForm } from '../ui/MinutesForm';
import { ChangePassphrase } from './ChangePassphrase';
import { CustodyLogView } from './CustodyLogView';
import { CustodySettings, type CustodyScreen } from './CustodySettings';
import { NewRecoveryKeyView } from './NewRecoveryKeyView';
import { RegionPicker } from './RegionPicker';
import { SplitSharesView } from './SplitSharesView';
import { VocabularySection } from '../vocabulary/VocabularySection';
import { VocabularyView } from '../vocabulary/VocabularyView';

type Screen = 'main' | CustodyScreen | 'vocabulary';

/** Settings, and the screens it opens (each with its own h1; Escape comes back here). */
export function SettingsView(props: {
  settings: Settings;
  onSettings: (settings: Settings) => void;
}) {
  const [screen, setScreen] = useState<Screen>('main');
  const back = () => setScreen('main');
  if (screen === 'newKey') return <NewRecoveryKeyView onClose={back} />;
  if (screen === 'split') return <SplitSharesView onClose={back} />;
  if (screen === 'log') return <CustodyLogView onClose={back} />;
  if (screen === 'vocabulary') return <VocabularyView onClose={back} />;
  return <SettingsMain {...props} onOpen={setScreen} />;
}

function SettingsMain({
  settings,
  onSettings,
  onOpen,
}: {
  settings: Settings;
  onSettings: (settings: Settings) => void;
  onOpen: (screen: Exclude<Screen, 'main'>) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  // Each section shows its own refusal, next to the control that caused it.
  const [languageError, setLanguageError] = useState('');
  const [ocrError, setOcrError] = useState('');

  return (
    <div className="settings">
      <h1 ref={heading} tabIndex={-1}>
        {t('nav.settings')}
      </h1>
      <section aria-labelledby="lock-settings">
        <h2 id="lock-settings">{t('settings.autoLock')}</h2>
        <MinutesForm
          label={t('settings.autoLockMinutes')}
          hint={t('settings.autoLockHint')}
          minutes={settings.autoLockMinutes}
          save={async (autoLockMinutes) =>
            onSettings(await call('settings.set', { autoLockMinutes }))
          }
        />
      </section>
      <section aria-labelledby="language-settings">
        <h2 id="language-settings">{t('settings.language')}</h2>
        <LanguagePicker
          labelledBy="language-settings"
          onChange={(language) =>
            void call('settings.set', { language })
              .then(onSettings)
              .catch((caught) => setLanguageError(describeError(i18n, caught)))
          }
        />
        <RegionPicker
          region={settings.region ?? ''}
          onChange={(region) =>
            void call('settings.set', { region })
              .then(onSettings)
              .catch((caught) => setLanguageError(describeError(i18n, caught)))
          }
        />
        <Alert>{languageError}</Alert>
      </section>
      <VocabularySection onOpen={() => onOpen('vocabulary')} />
      <section aria-labelledby="ocr-settings">
        <h2 id="ocr-settings">{t('settings.ocr')}</h2>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.ocrAfterAttach === true}
            aria-describedby="ocr-after-attach-hint"
            onChange={(e) =>
              void call('settings.set', { ocrAfterAttach: e.target.checked })
                .then(onSettings)
                .catch((caught) => setOcrError(describeError(i18n, caught)))
            }
          />{' '}
          {t('settings.ocrAfterAttach')}
        </label>
        <p className="muted" id="ocr-after-attach-hint">
          {t('settings.ocrAfterAttachHint')}
        </p>
        <Alert>{ocrError}</Alert>
      </section>
      <ChangePassphrase />
      <CustodySettings onOpen={onOpen} />
    </div>
  );
}
