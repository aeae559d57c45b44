import type { ReactNode } from 'react';
import type { ConflictHeadView } from '../../../shared/ipc/team';
import type { TestimonyFields } from '../../../shared/records/types';
import { diffWords } from '../record/diff';
import { FIELDS, asText } from '../record/field-text';
import { type I18n, useI18n } from '../i18n/I18n';

/** Who wrote a version, and when: the column heading and the choice's label. */
export function versionLabel(head: ConflictHeadView, i18n: I18n): string {
  // Isolated (FSI … PDI): a Latin name beside an Arabic date must not reorder it.
  return i18n.t('team.version', {
    author: `\u2068${head.authorName ?? i18n.t('team.unknownAuthor')}\u2069`,
    time: `\u2068${i18n.dateTime(head.updatedAt)}\u2069`,
  });
}

/**
 * Each field's text in every version. With two versions, what only one of them has is marked
 * in its own column (word by word); with more, the row says it differs.
 */
function cells(texts: string[]): ReactNode[] {
  if (texts.length !== 2 || texts[0] === texts[1]) return texts;
  const parts = diffWords(texts[0]!, texts[1]!);
  const side = (drop: 'insert' | 'delete') =>
    parts
      .filter((p) => p.op !== drop)
      .map((p, i) =>
        p.op === 'equal' ? <span key={i}>{p.text}</span> : <mark key={i}>{p.text}</mark>,
      );
  return [side('insert'), side('delete')];
}

/** The versions side by side, fields aligned row by row, the differing rows marked. */
export function ConflictTable({ heads }: { heads: ConflictHeadView[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const text = (head: ConflictHeadView, key: keyof TestimonyFields) =>
    head.fields ? asText(head.fields, key, t) : '';
  const rows = FIELDS.map(([key, label]) => {
    const texts = heads.map((h) => text(h, key));
    return { key, label, texts, differs: texts.some((x) => x !== texts[0]) };
  }).filter((row) => row.texts.some((x) => x !== ''));
  return (
    <table className="conflict-table">
      <caption className="visually-hidden">{t('team.compareCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('team.field')}</th>
          {heads.map((h) => (
            <th scope="col" key={h.revision}>
              {versionLabel(h, i18n)}
              {h.shown && <span className="badge ok">{t('team.shownNow')}</span>}
              {h.deleted && <span className="badge warn">{t('team.deletedVersion')}</span>}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} className={row.differs ? 'differs' : undefined}>
            <th scope="row">
              {t(row.label)}
              {row.differs && <span className="badge warn">{t('team.differs')}</span>}
            </th>
            {cells(row.texts).map((cell, i) => (
              <td key={heads[i]!.revision} dir="auto">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
