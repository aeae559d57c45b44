import type { MessageKey } from '../../../shared/i18n';
import type { TestimonyFields } from '../../../shared/records/types';
import type { I18n } from '../i18n/I18n';

/** A record's fields in the order people read them, with their labels (history, conflicts). */
export const FIELDS: [keyof TestimonyFields, MessageKey][] = [
  ['title', 'field.title'],
  ['lang', 'field.lang'],
  ['date', 'field.date'],
  ['place', 'field.place'],
  ['narrator', 'field.narrator'],
  ['tags', 'field.tags'],
  ['consent', 'field.consent'],
  ['warning', 'field.warning'],
  ['body', 'field.body'],
  ['identifying', 'field.identifying'],
  ['notes', 'field.notes'],
];

/** A field as comparable text (lists one per line, consent as its parts). */
export function asText(fields: TestimonyFields, key: keyof TestimonyFields, t: I18n['t']): string {
  const value = fields[key];
  if (value === null) return '';
  if (Array.isArray(value)) return value.join('\n');
  if (typeof value === 'object') {
    const parts = [
      t(`consent.${value.status}`),
      t(`scope.${value.scope}`),
      value.date ?? '',
      value.note,
    ];
    return parts.filter(Boolean).join(' · ');
  }
  return value;
}
