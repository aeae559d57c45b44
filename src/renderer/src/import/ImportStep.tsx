import type { ReactNode } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import { useI18n } from '../i18n/I18n';
import { useFocusOnMount } from '../ui/focus';
import { IMPORT_STEPS, type ImportStepName } from './labels';

/**
 * One step of the import wizard: its heading takes the focus when the step appears (so a
 * keyboard or screen reader user lands on it), with "Step n of 6" beside it.
 */
export function ImportStep({
  step,
  title,
  children,
}: {
  step: ImportStepName;
  title: MessageKey;
  children: ReactNode;
}) {
  const i18n = useI18n();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const n = IMPORT_STEPS.indexOf(step) + 1;
  return (
    <section className="import-step" aria-labelledby="import-step-title" data-step={step}>
      <p className="muted import-step-count">
        {i18n.t('import.stepOf', {
          n: i18n.number(n),
          total: i18n.number(IMPORT_STEPS.length),
        })}
      </p>
      <h2 id="import-step-title" ref={heading} tabIndex={-1}>
        {i18n.t(title)}
      </h2>
      {children}
    </section>
  );
}

/** Back and forward buttons at the foot of a step. */
export function StepButtons({ children }: { children: ReactNode }) {
  return <div className="import-buttons">{children}</div>;
}
