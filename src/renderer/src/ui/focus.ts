import { type KeyboardEvent, useEffect, useRef } from 'react';

/**
 * Moves focus to the element once it is shown (when `enabled`), so a keyboard or screen reader
 * user lands on the new view's heading instead of the page body. Headings that receive focus
 * this way carry tabIndex={-1}.
 */
export function useFocusOnMount<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [enabled]);
  return ref;
}

/** A keydown handler that runs `action` on Escape (and keeps the key from closing more). */
export function onEscape(action: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    event.stopPropagation();
    action();
  };
}
