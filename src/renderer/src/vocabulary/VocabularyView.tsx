import { useState } from 'react';
import type { Concept } from '../../../shared/vocabulary/concept';
import { displayName } from '../../../shared/vocabulary/match';
import { useRemoveConcept, useVocabulary } from '../data/vocabulary';
import { useI18n } from '../i18n/I18n';
import { SettingsScreen } from '../settings/SettingsScreen';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { useFocusOnMount } from '../ui/focus';
import { ConceptForm } from './ConceptForm';
import { ConceptList } from './ConceptList';
import { VocabularyFiles } from './VocabularyFiles';

/** Settings → Vocabulary: the concepts, the form that adds or edits one, import and export. */
export function VocabularyView({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  // undefined: the list; null: a new concept; a concept: editing it.
  const [editing, setEditing] = useState<Concept | null | undefined>(undefined);
  const [status, setStatus] = useState('');
  return (
    <SettingsScreen title={t('vocabulary.title')} onClose={onClose}>
      {editing === undefined ? (
        <VocabularyHome status={status} onStatus={setStatus} onEdit={setEditing} />
      ) : (
        <ConceptForm
          concept={editing}
          onDone={(message) => {
            setStatus(message);
            setEditing(undefined);
          }}
        />
      )}
    </SettingsScreen>
  );
}

function VocabularyHome({
  status,
  onStatus,
  onEdit,
}: {
  status: string;
  onStatus: (message: string) => void;
  onEdit: (concept: Concept | null) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const vocabulary = useVocabulary();
  const remove = useRemoveConcept();
  // Coming back from the form, focus lands on "Add a concept" (on first open, the h1 takes it).
  const add = useFocusOnMount<HTMLButtonElement>();
  const concepts = vocabulary.data ?? [];
  const error = vocabulary.error ?? remove.error;
  return (
    <>
      <p>{t('vocabulary.intro')}</p>
      <Alert tone="info">{status}</Alert>
      <Alert>{error ? describeError(i18n, error) : ''}</Alert>
      <button ref={add} type="button" className="primary" onClick={() => onEdit(null)}>
        {t('vocabulary.add')}
      </button>
      {vocabulary.isSuccess && concepts.length === 0 && (
        <p className="muted">{t('vocabulary.empty')}</p>
      )}
      <ConceptList
        concepts={concepts}
        onEdit={onEdit}
        onRemove={(concept) =>
          remove.mutate(concept.id, {
            onSuccess: () =>
              onStatus(t('vocabulary.removed', { name: displayName(concept, i18n.language) })),
          })
        }
      />
      <VocabularyFiles />
    </>
  );
}
