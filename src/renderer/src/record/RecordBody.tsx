import type { TestimonyRecord } from '../../../shared/records/types';
import { useOpenedWarnings } from '../archive/OpenedWarnings';
import { useI18n } from '../i18n/I18n';
import { LongText } from './LongText';

/** The testimony's text, kept closed behind its content warning until the reader opens it. */
export function RecordBody({ record }: { record: TestimonyRecord }) {
  const { t } = useI18n();
  const warnings = useOpenedWarnings();
  const opened = warnings.isOpen(record.id);
  const setOpened = (open: boolean) => warnings.setOpen(record.id, open);
  const lang = record.lang || undefined;
  const hidden = record.warning.length > 0 && !opened;
  return (
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
          {record.body && record.identifying.length > 0 && (
            <p className="muted marks-legend">{t('record.marksLegend')}</p>
          )}
          {record.body ? (
            <LongText
              text={record.body}
              lang={lang}
              testId="record-body"
              marks={record.identifying}
            />
          ) : (
            <div className="body-text" data-testid="record-body">
              {t('record.emptyBody')}
            </div>
          )}
        </>
      )}
    </section>
  );
}
