import { useState } from 'react';
import { foldedWords } from '../../../shared/redaction/passages';
import { useI18n } from '../i18n/I18n';
import type { Draft } from './draft';
import type { SetDraft } from './form-fields';

/** A selection as one passage line: the matcher ignores the spacing between words anyway. */
function asPassage(selected: string): string {
  return selected.replace(/\s+/g, ' ').trim();
}

function sameWords(a: string, b: string): boolean {
  return foldedWords(a).join(' ') === foldedWords(b).join(' ');
}

/**
 * Marks the text selected in the testimony as identifying, or unmarks it. Passages are stored
 * as their text, one per line of the identifying-passages field (docs/ui.md, "Identifying
 * passages"), so a mark survives edits of the testimony around it and covers every place the
 * passage occurs. Unmarking removes every passage with the same words (case, accents and
 * Arabic variants aside), as the redaction would have matched them.
 */
export function MarkSelection({
  draft,
  selected,
  set,
}: {
  draft: Draft;
  selected: string;
  set: SetDraft;
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState('');
  const passage = asPassage(selected);
  const lines = draft.identifying.split('\n').filter((line) => line.trim());
  const marked = passage !== '' && lines.some((line) => sameWords(line, passage));
  const toggle = () => {
    if (!passage) return;
    if (marked) {
      set('identifying', lines.filter((line) => !sameWords(line, passage)).join('\n'));
      setStatus(t('form.unmarked', { text: passage }));
    } else {
      set('identifying', [...lines, passage].join('\n'));
      setStatus(t('form.marked', { text: passage }));
    }
  };
  return (
    <div className="mark-selection">
      <button
        type="button"
        disabled={!passage || foldedWords(passage).length === 0}
        onClick={toggle}
        aria-describedby="mark-hint"
      >
        {marked ? t('form.unmarkSelection') : t('form.markSelection')}
      </button>
      <p id="mark-hint" className="muted">
        {t('form.markHint')}
      </p>
      <p className="visually-hidden" role="status" data-testid="mark-status">
        {status}
      </p>
    </div>
  );
}
