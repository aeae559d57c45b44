import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import type { CustodyDetail, CustodyEntry } from '../../../shared/custody/types';
import { useI18n } from '../i18n/I18n';

const ROW_HEIGHT = 64;

/** The detail's facts as short text: ids and hashes as they are, long lists by their count. */
function detailText(detail: CustodyDetail): string {
  return Object.entries(detail)
    .map(([key, value]) => {
      const shown = Array.isArray(value)
        ? value.length > 3
          ? `${value.length} ×`
          : value.join(', ')
        : String(value);
      return `${key}: ${shown}`;
    })
    .join(' · ');
}

/**
 * The log's entries as a list where only the rows in view exist, so a log of a million entries
 * scrolls like one of ten. The scroll area is focusable so the keyboard can scroll it.
 */
export function CustodyLogList({ entries }: { entries: readonly CustodyEntry[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  return (
    <div
      ref={scrollRef}
      className="custody-log"
      tabIndex={0}
      role="region"
      aria-label={t('log.title')}
    >
      <div role="list" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const entry = entries[row.index]!;
          return (
            <div
              key={entry.seq}
              role="listitem"
              aria-setsize={entries.length}
              aria-posinset={row.index + 1}
              className="custody-entry"
              data-testid="custody-entry"
              style={{
                position: 'absolute',
                insetInlineStart: 0,
                insetInlineEnd: 0,
                top: row.start,
                height: row.size,
              }}
            >
              <span className="custody-seq" dir="ltr">
                {t('log.seq')} {entry.seq}
              </span>{' '}
              <span className="custody-action">{t(`action.${entry.action}` as MessageKey)}</span>{' '}
              <time dateTime={entry.at}>{i18n.dateTime(entry.at)}</time>
              <span className="custody-detail mono" dir="ltr">
                {[entry.record, entry.attachment, detailText(entry.detail)]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
