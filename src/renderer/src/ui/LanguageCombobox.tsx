import { type KeyboardEvent, useId, useMemo, useState } from 'react';
import { useI18n } from '../i18n/I18n';
import { Field, type TextControlProps } from './Field';
import { type LanguageChoice, languageChoices, matchChoices } from './language-choices';

const SHOWN = 8;

/**
 * A searchable language field (ARIA combobox with a list): typing "arab", "عرب" or "espa"
 * offers the languages named so in the UI language or in their own script; picking one stores
 * its BCP-47 code. Any other tag can still be typed as it is (validated on save).
 */
export function LanguageCombobox({ label, value, onChange, error }: TextControlProps) {
  const i18n = useI18n();
  const listId = useId();
  const choices = useMemo(() => languageChoices(i18n.language), [i18n.language]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const matches = useMemo(() => matchChoices(choices, value).slice(0, SHOWN), [choices, value]);
  const expanded = open && matches.length > 0;
  const current = choices.find((c) => c.code.toLowerCase() === value.trim().toLowerCase());
  const hint = current ? describe(current) : i18n.t('form.langHint');

  const pick = (choice: LanguageChoice) => {
    onChange(choice.code);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!expanded) {
        setOpen(true);
        setActive(0);
        return;
      }
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + matches.length) % matches.length);
    } else if (e.key === 'Enter' && expanded && matches[active]) {
      e.preventDefault(); // picks; does not submit the form
      pick(matches[active]);
    } else if (e.key === 'Escape' && expanded) {
      e.stopPropagation(); // closes the list, not the form
      setOpen(false);
      setActive(-1);
    }
  };

  return (
    <Field label={label} hint={hint} error={error}>
      {(props) => (
        <div className="combobox">
          <input
            {...props}
            type="text"
            dir="auto"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listId}
            aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
            value={value}
            onChange={(e) => {
              onChange(e.target.value);
              setOpen(true);
              setActive(-1);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setOpen(false)}
          />
          <ul id={listId} role="listbox" aria-label={i18n.t('form.langChoices')} hidden={!expanded}>
            {expanded &&
              matches.map((choice, i) => (
                <li
                  key={choice.code}
                  id={`${listId}-${i}`}
                  role="option"
                  aria-selected={i === active}
                  className={i === active ? 'active' : undefined}
                  // mousedown, before the input's blur closes the list
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(choice);
                  }}
                >
                  <span>{choice.name}</span>
                  {choice.autonym !== choice.name && (
                    <span lang={choice.code} dir="auto">
                      {choice.autonym}
                    </span>
                  )}
                  <code dir="ltr">{choice.code}</code>
                </li>
              ))}
          </ul>
        </div>
      )}
    </Field>
  );
}

function describe(choice: LanguageChoice): string {
  return choice.autonym === choice.name ? choice.name : `${choice.name} — ${choice.autonym}`;
}
