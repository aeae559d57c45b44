import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/I18n';
import { Field } from '../../ui/Field';

/**
 * One field per recovery share, as many as the person has (two to start with). The share the
 * core named as bad is marked and focused, with the error tied to it.
 */
export function SharesFields({
  shares,
  onShares,
  bad,
}: {
  shares: string[];
  onShares: (shares: string[]) => void;
  bad: { position: number; message: string } | null;
}) {
  const { t } = useI18n();
  const inputs = useRef<(HTMLInputElement | null)[]>([]);
  useEffect(() => {
    if (bad) inputs.current[bad.position - 1]?.focus();
  }, [bad]);
  const set = (index: number, value: string) =>
    onShares(shares.map((s, i) => (i === index ? value : s)));
  return (
    <div className="shares-fields">
      <p>{t('unlock.sharesIntro')}</p>
      {shares.map((share, index) => (
        <div key={index} className="share-field">
          <Field
            label={t('unlock.shareLabel', { n: index + 1 })}
            error={bad?.position === index + 1 ? bad.message : undefined}
          >
            {(props) => (
              <input
                {...props}
                ref={(el) => {
                  inputs.current[index] = el;
                }}
                type="text"
                className="mono"
                dir="ltr"
                autoComplete="off"
                spellCheck={false}
                value={share}
                onChange={(e) => set(index, e.target.value)}
                autoFocus={index === 0}
              />
            )}
          </Field>
          {shares.length > 2 && (
            <button
              type="button"
              onClick={() => onShares(shares.filter((_, i) => i !== index))}
              aria-label={t('unlock.removeShare', { n: index + 1 })}
            >
              ×
            </button>
          )}
        </div>
      ))}
      <button
        type="button"
        onClick={() => onShares([...shares, ''])}
        disabled={shares.length >= 255}
      >
        {t('unlock.addShare')}
      </button>
    </div>
  );
}
