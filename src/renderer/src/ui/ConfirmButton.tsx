import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18n';
import { onEscape } from './focus';

/**
 * A destructive action in two steps: the first press asks, the second (on the button that
 * replaces it) acts. No modal, so focus and screen readers stay where the person is; Cancel or
 * Escape puts the focus back on the first button.
 */
export function ConfirmButton({
  label,
  confirmLabel,
  onConfirm,
}: {
  label: string;
  confirmLabel: string;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const cancelled = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (cancelled.current) askRef.current?.focus();
    cancelled.current = false;
  }, [asking]);
  const cancel = () => {
    cancelled.current = true;
    setAsking(false);
  };
  if (!asking) {
    return (
      <button ref={askRef} type="button" className="danger-outline" onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={label} onKeyDown={onEscape(cancel)}>
      <button
        ref={confirmRef}
        type="button"
        className="danger"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" onClick={cancel}>
        {t('form.cancel')}
      </button>
    </span>
  );
}
