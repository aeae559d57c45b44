import { useI18n } from '../i18n/I18n';

const ROWS = ['words', 'phrase', 'or', 'not'] as const;

/** The query syntax in a few lines, beside the search box (closed until asked for). */
export function SearchHelp() {
  const { t } = useI18n();
  return (
    <details className="search-help">
      <summary>{t('search.help')}</summary>
      <dl>
        {ROWS.map((row) => (
          <div key={row}>
            <dt>
              <code dir="auto">{t(`search.help.${row}.example`)}</code>
            </dt>
            <dd>{t(`search.help.${row}`)}</dd>
          </div>
        ))}
      </dl>
      <p>{t('search.help.fold')}</p>
    </details>
  );
}
