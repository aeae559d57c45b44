import { useI18n } from '../i18n/I18n';

/** The vocabulary's entry in Settings: what it is for, and the way to its screen. */
export function VocabularySection({ onOpen }: { onOpen: () => void }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="vocabulary-settings">
      <h2 id="vocabulary-settings">{t('vocabulary.title')}</h2>
      <p>{t('vocabulary.intro')}</p>
      <button type="button" onClick={onOpen}>
        {t('vocabulary.open')}
      </button>
    </section>
  );
}
