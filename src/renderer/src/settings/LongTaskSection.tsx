import type { ReactNode } from 'react';
import { type CustodyProgress, useCustodyProgress } from '../data/custody';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { CustodyProgressBar } from './CustodyProgressBar';

/** What a long vault task looks like to this section: a react-query mutation with no argument. */
interface LongTask {
  isPending: boolean;
  error: unknown;
  mutate: () => void;
}

/**
 * A Settings section that runs one long task of the whole vault (verify, backup): a button that
 * keeps the focus while the task runs (aria-disabled, not disabled), main's progress events as a
 * bar, the error if it failed, and below, what the task found.
 */
export function LongTaskSection({
  task,
  progressOf,
  title,
  intro,
  runLabel,
  runningLabel,
  children,
}: {
  task: LongTask;
  progressOf: CustodyProgress['task'];
  title: string;
  intro: string;
  runLabel: string;
  runningLabel: string;
  children: ReactNode;
}) {
  const i18n = useI18n();
  const progress = useCustodyProgress(progressOf, task.isPending);
  const titleId = `${progressOf}-settings`;
  return (
    <section aria-labelledby={titleId} aria-busy={task.isPending}>
      <h2 id={titleId}>{title}</h2>
      <p>{intro}</p>
      <button
        type="button"
        aria-disabled={task.isPending}
        onClick={() => !task.isPending && task.mutate()}
      >
        {task.isPending ? runningLabel : runLabel}
      </button>
      {task.isPending && <CustodyProgressBar progress={progress} />}
      <Alert>{task.error ? describeError(i18n, task.error) : ''}</Alert>
      {children}
    </section>
  );
}
