import type { Snippet } from '../../../shared/ipc/types';
import type { RecordSummary } from '../../../shared/records/types';
import { useI18n } from '../i18n/I18n';
import { Highlighted } from '../ui/Highlighted';
import { useOpenedWarnings } from './OpenedWarnings';
import { StoredText } from '../ui/StoredText';

/** One option of the archive listbox: title, then the search snippet or the record's facts. */
export function RecordRow({
  item,
  index,
  count,
  start,
  size,
  active,
  selected,
  snippet,
  searching,
  onClick,
}: {
  item: RecordSummary;
  index: number;
  count: number;
  start: number;
  size: number;
  active: boolean;
  selected: boolean;
  snippet: Snippet | undefined;
  searching: boolean;
  onClick: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const warning = useOpenedWarnings();
  // A search hit behind a content warning says so instead of showing its text.
  const withheld = searching && item.hasWarning && !warning.isOpen(item.id);
  return (
    <div
      id={`record-option-${item.id}`}
      role="option"
      aria-selected={selected}
      aria-posinset={index + 1}
      aria-setsize={count}
      className={`record-row${active ? ' active' : ''}${selected ? ' selected' : ''}`}
      style={{
        position: 'absolute',
        insetInlineStart: 0,
        insetInlineEnd: 0,
        top: start,
        height: size,
      }}
      onClick={onClick}
    >
      <div className="row-title" dir="auto" lang={item.lang || undefined}>
        {item.hasWarning && (
          <span className="badge warn" title={t('record.hasWarning')}>
            {t('record.cw')}
          </span>
        )}
        <StoredText text={item.title} />
      </div>
      {withheld ? (
        <div className="row-snippet row-withheld">{t('search.warningSnippet')}</div>
      ) : snippet ? (
        <div className="row-snippet" dir="auto" lang={item.lang || undefined}>
          <Highlighted text={snippet.text} ranges={snippet.highlights} />
        </div>
      ) : (
        <div className="row-meta">
          <span>{item.date ? i18n.partialDate(item.date) : t('record.undated')}</span>
          {item.lang && <span>{i18n.languageName(item.lang)}</span>}
          <span className={`consent consent-${item.consent.status}`}>
            {t(`consent.${item.consent.status}`)}
          </span>
          {item.attachmentCount > 0 && (
            <span>{t('record.files', { n: i18n.number(item.attachmentCount) })}</span>
          )}
        </div>
      )}
      {!snippet && !withheld && item.tags.length > 0 && (
        <div className="row-tags" dir="auto">
          {item.tags.slice(0, 6).map((tag) => (
            <span key={tag} className="tag">
              <StoredText text={tag} />
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
