import { useI18n } from '../i18n/I18n';
import { BackupSection } from './BackupSection';
import { VerifySection } from './VerifySection';

export type CustodyScreen = 'newKey' | 'split' | 'log';

/** The ways back in, the vault check, backups and the custody log (docs/custody.md). */
export function CustodySettings({ onOpen }: { onOpen: (screen: CustodyScreen) => void }) {
  const { t } = useI18n();
  return (
    <>
      <section aria-labelledby="recovery-settings">
        <h2 id="recovery-settings">{t('settings.custody')}</h2>
        <p>{t('recovery.intro')}</p>
        <div className="actions">
          <button type="button" onClick={() => onOpen('newKey')}>
            {t('recovery.newKey')}
          </button>
          <button type="button" onClick={() => onOpen('split')}>
            {t('recovery.split')}
          </button>
          <button type="button" onClick={() => onOpen('log')}>
            {t('log.open')}
          </button>
        </div>
      </section>
      <VerifySection />
      <BackupSection />
    </>
  );
}
