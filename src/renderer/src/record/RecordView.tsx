import { useState } from 'react';
import type { TestimonyRecord } from '../../../shared/records/types';
import { useI18n } from '../i18n/I18n';

/**
 * A testimony as a reader meets it. A content warning keeps the text closed until the reader
 * chooses to open it; the narrator is marked as identifying wherever it shows. Stored text is
 * rendered as text (React escapes it) with dir="auto", so an Arabic testimony reads right to
 * left inside an English UI and the other way round.
 */
export function RecordView({ record }: { record: TestimonyRecord }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [opened, setOpened] = useState(false);
  const lang = record.lang || undefined;
  const hidden = record.warning.length > 0 && !opened;

  return (
    <article className="record" aria-labelledby="record-title">
      <h2 id="record-title" dir="auto" lang={lang}>
        {record.title}
      </h2>
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
                  {tag}
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

      <section className="identifying-block" aria-labelledby="narrator-label">
        <h3 id="narrator-label">
          {t('field.narrator')} <span className="badge identifying">{t('record.identifying')}</span>
        </h3>
        <p dir="auto" lang={lang}>
          {record.narrator || t('record.noNarrator')}
        </p>
      </section>

      <section aria-labelledby="body-label">
        <h3 id="body-label">{t('field.body')}</h3>
        {hidden ? (
          <div className="content-warning" role="note">
            <p>
              <strong>{t('record.warningTitle')}</strong>{' '}
              <span dir="auto" lang={lang}>
                {record.warning}
              </span>
            </p>
            <button type="button" onClick={() => setOpened(true)}>
              {t('record.showBody')}
            </button>
          </div>
        ) : (
          <>
            {record.warning && (
              <p className="warning-line">
                {t('record.warningTitle')} <span dir="auto">{record.warning}</span>{' '}
                <button type="button" className="link" onClick={() => setOpened(false)}>
                  {t('record.hideBody')}
                </button>
              </p>
            )}
            <div className="body-text" dir="auto" lang={lang} data-testid="record-body">
              {record.body || t('record.emptyBody')}
            </div>
          </>
        )}
      </section>

      {record.identifying.length > 0 && (
        <section className="identifying-block" aria-labelledby="identifying-label">
          <h3 id="identifying-label">
            {t('field.identifying')}{' '}
            <span className="badge identifying">{t('record.identifying')}</span>
          </h3>
          <ul>
            {record.identifying.map((passage, i) => (
              <li key={i} dir="auto" lang={lang}>
                {passage}
              </li>
            ))}
          </ul>
        </section>
      )}

      {record.notes && (
        <section aria-labelledby="notes-label">
          <h3 id="notes-label">{t('field.notes')}</h3>
          <div className="body-text" dir="auto">
            {record.notes}
          </div>
        </section>
      )}
    </article>
  );
}
