import type { TestimonyRecord } from '../../../shared/records/types';
import { useI18n } from '../i18n/I18n';
import { useFocusOnMount } from '../ui/focus';
import { RecordBody } from './RecordBody';
import { RecordMeta } from './RecordMeta';
import { StoredText } from '../ui/StoredText';

/**
 * A testimony as a reader meets it. A content warning keeps the text closed until the reader
 * chooses to open it; the narrator is marked as identifying wherever it shows. Stored text is
 * rendered as text (React escapes it) with dir="auto", so an Arabic testimony reads right to
 * left inside an English UI and the other way round.
 */
export function RecordView({
  record,
  focusHeading,
}: {
  record: TestimonyRecord;
  focusHeading: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const lang = record.lang || undefined;
  const heading = useFocusOnMount<HTMLHeadingElement>(focusHeading);

  return (
    <article className="record" aria-labelledby="record-title">
      <h2 id="record-title" dir="auto" lang={lang} ref={heading} tabIndex={-1}>
        <StoredText text={record.title} />
      </h2>
      <RecordMeta record={record} />

      <section className="identifying-block" aria-labelledby="narrator-label">
        <h3 id="narrator-label">
          {t('field.narrator')} <span className="badge identifying">{t('record.identifying')}</span>
        </h3>
        <p dir="auto" lang={lang}>
          {record.narrator ? <StoredText text={record.narrator} /> : t('record.noNarrator')}
        </p>
      </section>

      <RecordBody record={record} />

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
