import type { MessageKey } from '../../../shared/i18n';
import type { ImportPosition, SourceKind } from '../../../shared/import/types';
import type { I18n } from '../i18n/I18n';

export const SOURCE_LABELS: Record<SourceKind, MessageKey> = {
  martus: 'import.source.martus',
  uwazi: 'import.source.uwazi',
  kobo: 'import.source.kobo',
  csv: 'import.source.csv',
  jsonl: 'import.source.jsonl',
};

/** The testimony fields a mapping can fill (src/core/import/mapping.ts TARGET_FIELDS). */
const TARGET_LABELS: Record<string, MessageKey> = {
  title: 'field.title',
  body: 'field.body',
  lang: 'field.lang',
  narrator: 'field.narrator',
  date: 'field.date',
  place: 'field.place',
  tags: 'field.tags',
  warning: 'field.warning',
  notes: 'field.notes',
  'consent.status': 'import.target.consentStatus',
  'consent.scope': 'import.target.consentScope',
  'consent.date': 'import.target.consentDate',
  'consent.note': 'import.target.consentNote',
};

export function targetLabel(i18n: I18n, target: string): string {
  const key = TARGET_LABELS[target];
  return key ? i18n.t(key) : target;
}

const POSITION_LABELS: Record<ImportPosition['unit'], MessageKey> = {
  line: 'import.position.line',
  row: 'import.position.row',
  record: 'import.position.record',
};

/** "line 12", "record 3": where a person finds the record in the file. */
export function positionLabel(i18n: I18n, position: ImportPosition): string {
  return i18n.t(POSITION_LABELS[position.unit], { n: i18n.number(position.at) });
}

export const CONSENT_LABELS: Record<string, MessageKey> = {
  given: 'consent.given',
  withdrawn: 'consent.withdrawn',
  unknown: 'consent.unknown',
};

/** The steps, in order; the heading of each says where the person is. */
export const IMPORT_STEPS = [
  'file',
  'preview',
  'consent',
  'confirm',
  'progress',
  'summary',
] as const;
export type ImportStepName = (typeof IMPORT_STEPS)[number];
