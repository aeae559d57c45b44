import { useEffect, useMemo, useRef, useState } from 'react';
import { useRecordHistory, useRestoreRevision } from '../data/records';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { diffWords } from './diff';
import { FIELDS, asText } from './field-text';
import { SubView } from './SubView';

/**
 * Every revision of a record, and what changed from one to the next, word by word. Revisions
 * are never rewritten: this is the chain of edits as it happened.
 */
export function HistoryView({ id, onClose }: { id: string; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const history = useRecordHistory(id);
  const revisions = history.data ?? null;
  // The newest revision until the person picks another.
  const [picked, setPicked] = useState<number | null>(null);
  const selected = picked ?? revisions?.length ?? 0;
  const restore = useRestoreRevision();
  // "Revision 2 restored as revision 4": shown, and focused (the button it replaces is gone).
  const [restored, setRestored] = useState<{ from: number; to: number } | null>(null);
  const restoredRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (restored) restoredRef.current?.focus();
  }, [restored]);
  const failure = history.error ?? restore.error;
  const error = failure ? describeError(i18n, failure) : '';
  const latest = revisions?.length ?? 0;

  const current = revisions?.[selected - 1];
  const previous = revisions?.[selected - 2];
  const changes = useMemo(() => {
    if (!current) return [];
    return FIELDS.map(([key, label]) => {
      const before = previous ? asText(previous, key, i18n.t) : '';
      const after = asText(current, key, i18n.t);
      return { key, label, before, after, changed: before !== after };
    }).filter((c) => c.changed);
  }, [current, previous, i18n]);

  return (
    <SubView
      titleId="history-title"
      title={t('history.title')}
      closeLabel={t('history.close')}
      onClose={onClose}
    >
      <Alert>{error}</Alert>
      {restored && (
        <p className="notice" role="status" ref={restoredRef} tabIndex={-1}>
          {t('history.restored', {
            from: i18n.number(restored.from),
            to: i18n.number(restored.to),
          })}
        </p>
      )}
      {revisions && (
        <div className="history-body">
          <ol className="revision-list" aria-label={t('history.revisions')}>
            {[...revisions].reverse().map((r) => (
              <li key={r.revision}>
                <button
                  type="button"
                  aria-current={r.revision === selected ? 'true' : undefined}
                  onClick={() => setPicked(r.revision)}
                >
                  <span>{t('history.revision', { n: i18n.number(r.revision) })}</span>
                  <span className="muted">{i18n.dateTime(r.updatedAt)}</span>
                </button>
              </li>
            ))}
          </ol>
          <div className="revision-diff" aria-live="polite">
            <h3>
              {previous
                ? t('history.comparing', {
                    from: i18n.number(previous.revision),
                    to: i18n.number(selected),
                  })
                : t('history.first')}
            </h3>
            {current && selected < latest && (
              <button
                type="button"
                className="primary"
                disabled={restore.isPending}
                onClick={() =>
                  restore.mutate(
                    { id, revision: selected },
                    {
                      onSuccess: (record) => {
                        setPicked(null);
                        setRestored({ from: selected, to: record.revision });
                      },
                    },
                  )
                }
              >
                {t('history.restore', { n: i18n.number(selected) })}
              </button>
            )}
            {changes.length === 0 && <p>{t('history.noChanges')}</p>}
            {changes.map((change) => (
              <div key={change.key} className="diff-field">
                <h4>{t(change.label)}</h4>
                <p className="diff" dir="auto">
                  {diffWords(change.before, change.after).map((part, i) =>
                    part.op === 'equal' ? (
                      <span key={i}>{part.text}</span>
                    ) : part.op === 'insert' ? (
                      <ins key={i}>{part.text}</ins>
                    ) : (
                      <del key={i}>{part.text}</del>
                    ),
                  )}
                </p>
              </div>
            ))}
          </div>
        </div>
      )}
    </SubView>
  );
}
