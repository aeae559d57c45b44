import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useRef } from 'react';
import type { RecordSummary } from '../../../shared/records/types';
import type { Snippet } from '../../../shared/ipc/types';
import { useI18n } from '../i18n/I18n';
import { Highlighted } from '../ui/Highlighted';

const ROW_HEIGHT = 84;

/**
 * The archive as one keyboard-operable listbox. Only the rows in view exist in the DOM, so
 * 100,000 records scroll as smoothly as 100. Focus stays on the list; arrow keys move the
 * active row (announced through aria-activedescendant), Enter opens it.
 */
export function RecordList({
  items,
  selectedId,
  activeIndex,
  onActiveIndex,
  onOpen,
  snippets,
  label,
}: {
  items: readonly RecordSummary[];
  selectedId: string | null;
  activeIndex: number;
  onActiveIndex: (index: number) => void;
  onOpen: (id: string) => void;
  snippets: ReadonlyMap<string, Snippet>;
  label: string;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  useEffect(() => {
    if (activeIndex >= 0 && activeIndex < items.length) virtualizer.scrollToIndex(activeIndex);
  }, [activeIndex, items.length, virtualizer]);

  const move = (index: number) => onActiveIndex(Math.max(0, Math.min(items.length - 1, index)));
  const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / ROW_HEIGHT) - 1);
  const onKeyDown = (event: KeyboardEvent) => {
    if (items.length === 0) return;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(activeIndex + 1),
      ArrowUp: () => move(activeIndex - 1),
      PageDown: () => move(activeIndex + page),
      PageUp: () => move(activeIndex - page),
      Home: () => move(0),
      End: () => move(items.length - 1),
      Enter: () => {
        const item = items[activeIndex];
        if (item) onOpen(item.id);
      },
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  };

  const active = items[activeIndex];
  return (
    <div
      ref={scrollRef}
      className="record-list"
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={active ? `record-option-${active.id}` : undefined}
      onKeyDown={onKeyDown}
      onFocus={() => activeIndex < 0 && items.length > 0 && move(0)}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const item = items[row.index]!;
          const snippet = snippets.get(item.id);
          return (
            <div
              key={item.id}
              id={`record-option-${item.id}`}
              role="option"
              aria-selected={item.id === selectedId}
              aria-posinset={row.index + 1}
              aria-setsize={items.length}
              className={`record-row${row.index === activeIndex ? ' active' : ''}${item.id === selectedId ? ' selected' : ''}`}
              style={{
                position: 'absolute',
                insetInlineStart: 0,
                insetInlineEnd: 0,
                top: row.start,
                height: row.size,
              }}
              onClick={() => {
                onActiveIndex(row.index);
                onOpen(item.id);
              }}
            >
              <div className="row-title" dir="auto" lang={item.lang || undefined}>
                {item.hasWarning && (
                  <span className="badge warn" title={t('record.hasWarning')}>
                    {t('record.cw')}
                  </span>
                )}
                {item.title}
              </div>
              {snippet ? (
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
              {!snippet && item.tags.length > 0 && (
                <div className="row-tags" dir="auto">
                  {item.tags.slice(0, 6).map((tag) => (
                    <span key={tag} className="tag">
                      {tag}
                    </span>
                  ))}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
