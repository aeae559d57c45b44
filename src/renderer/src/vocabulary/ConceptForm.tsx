import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { VaultError } from '../../../shared/errors';
import type { Concept } from '../../../shared/vocabulary/concept';
import { displayName } from '../../../shared/vocabulary/match';
import { errorCode } from '../api/client';
import { useSaveConcept } from '../data/vocabulary';
import { useI18n } from '../i18n/I18n';
import { describeError } from '../ui/errors';
import { Field } from '../ui/Field';
import { onEscape, useFocusOnMount } from '../ui/focus';
import {
  type LanguageDraft,
  emptyLanguage,
  fromDraft,
  refusedPart,
  toDraft,
} from './concept-draft';
import { LanguageNames } from './LanguageNames';

/**
 * Adds a concept (`concept` null) or edits one: names per language. The core checks the whole
 * concept; a refusal is shown above the buttons, focused, and marks the id or the language
 * it is about. Escape cancels.
 */
export function ConceptForm({
  concept,
  onDone,
}: {
  concept: Concept | null;
  /** Back to the list, with what to announce there ('' when cancelled). */
  onDone: (message: string) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [draft, setDraft] = useState(() => toDraft(concept, i18n.language));
  const [added, setAdded] = useState<number | null>(null);
  const save = useSaveConcept();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const summary = useRef<HTMLParagraphElement>(null);
  const refused =
    errorCode(save.error) === 'VOCABULARY.INVALID'
      ? refusedPart((save.error as VaultError).details)
      : null;
  const message = save.error ? describeError(i18n, save.error) : '';
  useEffect(() => {
    if (save.error) summary.current?.focus();
  }, [save.error]);

  const setRow = (key: number, patch: Partial<LanguageDraft>) =>
    setDraft((d) => ({
      ...d,
      languages: d.languages.map((row) => (row.key === key ? { ...row, ...patch } : row)),
    }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { concept: fromDraft(draft), isNew: concept === null },
      {
        onSuccess: (saved) =>
          onDone(t('vocabulary.saved', { name: displayName(saved, i18n.language) })),
      },
    );
  };

  return (
    <form className="concept-form" onSubmit={submit} onKeyDown={onEscape(() => onDone(''))}>
      <h2 ref={heading} tabIndex={-1}>
        {concept
          ? t('vocabulary.editTitle', { name: displayName(concept, i18n.language) })
          : t('vocabulary.newTitle')}
      </h2>
      <Field
        label={t('vocabulary.id')}
        hint={t('vocabulary.idHint')}
        error={refused && 'id' in refused ? message : undefined}
      >
        {(props) => (
          <input
            {...props}
            type="text"
            dir="ltr"
            className="mono"
            spellCheck={false}
            autoComplete="off"
            maxLength={64}
            readOnly={concept !== null}
            value={draft.id}
            onChange={(e) => setDraft((d) => ({ ...d, id: e.target.value }))}
          />
        )}
      </Field>
      {draft.languages.map((row) => (
        <LanguageNames
          key={row.key}
          row={row}
          focusOnMount={row.key === added}
          onChange={(patch) => setRow(row.key, patch)}
          onRemove={
            draft.languages.length > 1
              ? () =>
                  setDraft((d) => ({
                    ...d,
                    languages: d.languages.filter((r) => r.key !== row.key),
                  }))
              : null
          }
          error={
            refused && 'lang' in refused && row.lang.trim().toLowerCase() === refused.lang
              ? message
              : undefined
          }
        />
      ))}
      <button
        type="button"
        onClick={() => {
          const row = emptyLanguage();
          setAdded(row.key);
          setDraft((d) => ({ ...d, languages: [...d.languages, row] }));
        }}
      >
        {t('vocabulary.addLanguage')}
      </button>
      {message && (
        <p ref={summary} className="alert alert-error" role="alert" tabIndex={-1}>
          {message}
        </p>
      )}
      <div className="actions form-actions">
        <button type="button" onClick={() => onDone('')}>
          {t('vocabulary.cancel')}
        </button>
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('vocabulary.save')}
        </button>
      </div>
    </form>
  );
}
