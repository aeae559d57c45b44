import type { TestimonyRecord } from '../../../shared/records/types';
import { useI18n } from '../i18n/I18n';
import { StoredText } from '../ui/StoredText';

/** A record's metadata: date, place, language, tags, consent, revision, provenance. */
export function RecordMeta({ record }: { record: TestimonyRecord }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <dl className="meta-grid">
      <dt>{t('field.date')}</dt>
      <dd>{record.date ? i18n.partialDate(record.date) : t('record.undated')}</dd>
      <dt>{t('field.place')}</dt>
      {/* dir="auto" only on real text: a lone dash has no direction and would jump sides. */}
      <dd dir={record.place ? 'auto' : undefined}>{record.place || '—'}</dd>
      <dt>{t('field.lang')}</dt>
      <dd>{record.lang ? `${i18n.languageName(record.lang)} (${record.lang})` : '—'}</dd>
      <dt>{t('field.tags')}</dt>
      <dd>
        {record.tags.length === 0
          ? '—'
          : record.tags.map((tag) => (
              <span key={tag} className="tag" dir="auto">
                <StoredText text={tag} />
              </span>
            ))}
      </dd>
      <dt>{t('field.consent')}</dt>
      <dd>
        <span className={`consent consent-${record.consent.status}`}>
          {t(`consent.${record.consent.status}`)}
        </span>{' '}
        · {t(`scope.${record.consent.scope}`)}
        {record.consent.date && <> · {i18n.partialDate(record.consent.date)}</>}
        {record.consent.note && (
          <span className="consent-note" dir="auto">
            {' '}
            — {record.consent.note}
          </span>
        )}
      </dd>
      <dt>{t('record.revision')}</dt>
      <dd>
        {i18n.number(record.revision)} ·{' '}
        {t('record.updated', { when: i18n.dateTime(record.updatedAt) })}
      </dd>
      {record.provenance && (
        <>
          <dt>{t('record.receivedFrom')}</dt>
          <dd dir="auto">
            {record.provenance.partner} · {i18n.dateTime(record.provenance.receivedAt)}
          </dd>
        </>
      )}
    </dl>
  );
}
