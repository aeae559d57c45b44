import { useEffect, useRef } from 'react';

/**
 * Ctrl+Shift+L (Cmd+Shift+L on macOS) inside the window. In the app, main also registers it as
 * a global shortcut that hides the window; this covers the window itself and the test harness.
 * KeyL is the physical key, so it works with an Arabic or French keyboard layout too.
 */
export function usePanicShortcut(active: boolean, onPanic: () => void): void {
  const latest = useRef(onPanic);
  latest.current = onPanic;
  useEffect(() => {
    if (!active) return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.code === 'KeyL') {
        event.preventDefault();
        latest.current();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [active]);
}
