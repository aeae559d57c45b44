import type { Concept } from '../../../shared/vocabulary/concept';
import { displayName } from '../../../shared/vocabulary/match';
import { useI18n } from '../i18n/I18n';
import { ConfirmButton } from '../ui/ConfirmButton';

/** The name shown and the language it is in (for its lang attribute). */
function shown(concept: Concept, uiLanguage: string): { name: string; lang: string | undefined } {
  const name = displayName(concept, uiLanguage);
  return { name, lang: Object.keys(concept.prefLabel).find((l) => concept.prefLabel[l] === name) };
}

/** Every concept: its name in the UI language, its other names, edit and remove. */
export function ConceptList({
  concepts,
  onEdit,
  onRemove,
}: {
  concepts: readonly Concept[];
  onEdit: (concept: Concept) => void;
  onRemove: (concept: Concept) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <ul className="concept-list" aria-label={t('vocabulary.listLabel')}>
      {concepts.map((concept) => {
        const { name, lang } = shown(concept, i18n.language);
        const others = Object.entries(concept.prefLabel).filter(([, label]) => label !== name);
        return (
          <li key={concept.id}>
            <div className="concept-names">
              <strong lang={lang} dir="auto">
                {name}
              </strong>{' '}
              <code dir="ltr">{concept.id}</code>
              {others.length > 0 && (
                <p className="hint">
                  {t('vocabulary.otherNames')}
                  {others.map(([l, label], k) => (
                    <span key={l}>
                      {k > 0 && ' · '}
                      <bdi lang={l}>{label}</bdi>
                    </span>
                  ))}
                </p>
              )}
            </div>
            <div className="actions">
              <button type="button" onClick={() => onEdit(concept)}>
                {t('vocabulary.edit')}
                <span className="visually-hidden"> {name}</span>
              </button>
              <ConfirmButton
                label={t('vocabulary.removeLabel', { name })}
                confirmLabel={t('vocabulary.removeConfirm', { name })}
                onConfirm={() => onRemove(concept)}
              />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
