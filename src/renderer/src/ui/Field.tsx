import { type ReactNode, useId } from 'react';

/** What a form control built on Field takes from its parent: one text value and its refusal. */
export interface TextControlProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/**
 * A labelled form control. The hint, and the error when the value was refused, are tied to the
 * control (aria-describedby) so a screen reader reads them with it; a refused control is marked
 * aria-invalid.
 */
export function Field({
  label,
  hint,
  error,
  children,
  badge,
}: {
  label: string;
  hint?: string;
  error?: string;
  badge?: ReactNode;
  children: (props: ControlProps) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ');
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {badge}
      </label>
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
