import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, useEffect, useRef } from 'react';
import type { RecordSummary } from '../../../shared/records/types';
import type { Snippet } from '../../../shared/ipc/types';
import { RecordRow } from './RecordRow';

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
  searching,
  label,
}: {
  items: readonly RecordSummary[];
  selectedId: string | null;
  activeIndex: number;
  onActiveIndex: (index: number) => void;
  onOpen: (id: string) => void;
  snippets: ReadonlyMap<string, Snippet>;
  /** The list shows search results: rows say why they have no snippet. */
  searching: boolean;
  label: string;
}) {
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
          return (
            <RecordRow
              key={item.id}
              item={item}
              index={row.index}
              count={items.length}
              start={row.start}
              size={row.size}
              active={row.index === activeIndex}
              selected={item.id === selectedId}
              snippet={snippets.get(item.id)}
              searching={searching}
              onClick={() => {
                onActiveIndex(row.index);
                onOpen(item.id);
              }}
            />
          );
        })}
      </div>
    </div>
  );
}
