import type { MessageKey } from '../../../shared/i18n';
import type { I18n } from '../i18n/I18n';

const REASONS = new Set([
  'format',
  'tooLarge',
  'tooMany',
  'badId',
  'duplicateId',
  'unknownLanguage',
  'emptyName',
  'noName',
  'duplicateName',
  'notFound',
  'ambiguous',
]);

/**
 * VOCABULARY.INVALID in the person's language: the problem, where it is (concept, CSV line,
 * language tag) and, for an import, which file. Details never hold a name (docs/vocabulary.md).
 */
export function describeVocabularyError(i18n: I18n, details: Record<string, unknown>): string {
  const { t } = i18n;
  const reason = String(details.reason);
  const where = [
    typeof details.concept === 'number'
      ? t('vocabulary.atConcept', { n: i18n.number(details.concept) })
      : '',
    typeof details.line === 'number'
      ? t('vocabulary.atLine', { n: i18n.number(details.line) })
      : '',
    typeof details.lang === 'string' ? t('vocabulary.atLang', { lang: details.lang }) : '',
  ].filter(Boolean);
  const what = t(
    (REASONS.has(reason)
      ? `vocabulary.reason.${reason}`
      : 'vocabulary.reason.format') as MessageKey,
  );
  const at = new Intl.ListFormat(i18n.language, { type: 'unit' }).format(where);
  const problem = where.length > 0 ? `${what} (${at})` : what;
  return typeof details.file === 'string'
    ? t('vocabulary.errorFile', { file: details.file, problem })
    : t('vocabulary.error', { problem });
}
