import type { ReactNode } from 'react';
import { onEscape, useFocusOnMount } from '../ui/focus';

/**
 * A view that takes the record pane's place for a while (history, custody report): its title
 * takes the focus when it opens, so a screen reader says where the person is, and Escape or the
 * close button returns to the record.
 */
export function SubView({
  titleId,
  title,
  closeLabel,
  onClose,
  children,
}: {
  titleId: string;
  title: string;
  closeLabel: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="history" aria-labelledby={titleId} onKeyDown={onEscape(onClose)}>
      <div className="pane-header">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {title}
        </h2>
        <button type="button" onClick={onClose}>
          {closeLabel}
        </button>
      </div>
      {children}
    </section>
  );
}
