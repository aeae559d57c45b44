import { type FormEvent, useState } from 'react';
import type { Settings } from '../../../shared/ipc/types';
import { call } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { useFocusOnMount } from '../ui/focus';
import { Field } from '../ui/Field';
import { LanguagePicker } from '../ui/LanguagePicker';
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
  const [minutes, setMinutes] = useState(String(settings.autoLockMinutes));
  const [saved, setSaved] = useState('');
  const [error, setError] = useState('');

  const saveMinutes = async (event: FormEvent) => {
    event.preventDefault();
    setSaved('');
    setError('');
    try {
      onSettings(await call('settings.set', { autoLockMinutes: Number(minutes) }));
      setSaved(t('settings.saved'));
    } catch (caught) {
      setError(describeError(i18n, caught));
    }
  };

  return (
    <div className="settings">
      <h1 ref={heading} tabIndex={-1}>
        {t('nav.settings')}
      </h1>
      <section aria-labelledby="lock-settings">
        <h2 id="lock-settings">{t('settings.autoLock')}</h2>
        <form onSubmit={saveMinutes} className="inline-form">
          <Field label={t('settings.autoLockMinutes')} hint={t('settings.autoLockHint')}>
            {(props) => (
              <input
                {...props}
                type="number"
                min={1}
                max={240}
                step={1}
                required
                value={minutes}
                onChange={(e) => setMinutes(e.target.value)}
              />
            )}
          </Field>
          <button type="submit">{t('settings.save')}</button>
        </form>
        <Alert tone="info">{saved}</Alert>
        <Alert>{error}</Alert>
      </section>
      <section aria-labelledby="language-settings">
        <h2 id="language-settings">{t('settings.language')}</h2>
        <LanguagePicker
          labelledBy="language-settings"
          onChange={(language) =>
            void call('settings.set', { language })
              .then(onSettings)
              .catch((caught) => setError(describeError(i18n, caught)))
          }
        />
        <RegionPicker
          region={settings.region ?? ''}
          onChange={(region) =>
            void call('settings.set', { region })
              .then(onSettings)
              .catch((caught) => setError(describeError(i18n, caught)))
          }
        />
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
                .catch((caught) => setError(describeError(i18n, caught)))
            }
          />{' '}
          {t('settings.ocrAfterAttach')}
        </label>
        <p className="muted" id="ocr-after-attach-hint">
          {t('settings.ocrAfterAttachHint')}
        </p>
      </section>
      <ChangePassphrase />
      <CustodySettings onOpen={onOpen} />
    </div>
  );
}
