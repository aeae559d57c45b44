import { useMemo, useRef } from 'react';
import { suggestNames } from '../../../shared/vocabulary/match';
import { useVocabulary } from '../data/vocabulary';
import { useI18n } from '../i18n/I18n';
import { type DraftProps, TextInput } from './form-fields';

const SHOWN = 6;

/**
 * The tags field (comma-separated), with names from the vocabulary offered for the tag being
 * typed (the text after the last comma), in any language, the UI language's first. A name is
 * a button: Tab to it and Enter puts it in place of the fragment, and focus back in the field.
 */
export function TagsInput(props: DraftProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const vocabulary = useVocabulary();
  const box = useRef<HTMLDivElement>(null);
  const { draft, set } = props;
  const parts = draft.tags.split(',');
  const fragment = parts.at(-1)!.trim();
  const suggestions = useMemo(
    () =>
      suggestNames(vocabulary.data ?? [], fragment, i18n.language, SHOWN).filter(
        ({ name }) => name !== fragment,
      ),
    [vocabulary.data, fragment, i18n.language],
  );
  const pick = (name: string) => {
    const before = parts.slice(0, -1).map((p) => p.trim());
    set('tags', `${[...before, name].filter(Boolean).join(', ')}, `);
    box.current?.querySelector('input')?.focus();
  };
  return (
    <div ref={box}>
      <TextInput {...props} name="tags" label="field.tags" hint={t('form.tagsHint')} />
      {suggestions.length > 0 && (
        <ul className="tag-suggestions" aria-label={t('form.tagSuggestions')}>
          {suggestions.map(({ name }) => (
            <li key={name}>
              <button type="button" className="tag-suggestion" onClick={() => pick(name)}>
                <bdi>{name}</bdi>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
