import { displayName } from '../../../shared/vocabulary/match';
import { useVocabulary } from '../data/vocabulary';
import { useI18n } from '../i18n/I18n';
import { Field } from '../ui/Field';

const collatorFor = (language: string) => new Intl.Collator(language, { sensitivity: 'base' });

/**
 * The archive's filter by a concept of the vocabulary, each named in the UI language
 * (docs/vocabulary.md); a testimony tagged with any of the concept's names matches. Not shown
 * while the vocabulary is empty.
 */
export function ConceptFilter({
  value,
  onChange,
}: {
  value: string;
  onChange: (conceptId: string) => void;
}) {
  const i18n = useI18n();
  const vocabulary = useVocabulary();
  const concepts = vocabulary.data ?? [];
  if (concepts.length === 0) return null;
  const collator = collatorFor(i18n.language);
  const named = concepts
    .map((concept) => ({ id: concept.id, name: displayName(concept, i18n.language) }))
    .sort((a, b) => collator.compare(a.name, b.name));
  return (
    <Field label={i18n.t('filters.concept')}>
      {(props) => (
        <select {...props} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{i18n.t('filters.any')}</option>
          {named.map(({ id, name }) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
