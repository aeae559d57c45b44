import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18n';
import { onEscape, useFocusOnMount } from '../ui/focus';

/**
 * A screen opened from Settings: its own h1 (focused when it opens, or when `focusKey`
 * changes), a way back, and Escape to go back.
 */
export function SettingsScreen({
  title,
  onClose,
  closeLabel,
  children,
}: {
  title: string;
  onClose: () => void;
  closeLabel?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="settings settings-screen" onKeyDown={onEscape(onClose)}>
      <div className="pane-header">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        <button type="button" onClick={onClose}>
          {closeLabel ?? t('custody.back')}
        </button>
      </div>
      {children}
    </div>
  );
}
