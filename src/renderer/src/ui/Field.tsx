import { type ReactNode, useId } from 'react';

/** A labelled form control; the hint is tied to the control for screen readers. */
export function Field({
  label,
  hint,
  children,
  badge,
}: {
  label: string;
  hint?: string;
  badge?: ReactNode;
  children: (props: { id: string; 'aria-describedby'?: string }) => ReactNode;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {badge}
      </label>
      {children({ id, ...(hint ? { 'aria-describedby': hintId } : {}) })}
      {hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
