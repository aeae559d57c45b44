import { CONSENT_STATUSES, type ConsentStatus } from '../../../shared/records/types';
import { useI18n } from '../i18n/I18n';
import { isPartialDate } from '../../../shared/records/dates';
import { DateInput } from '../ui/DateInput';
import { Field } from '../ui/Field';
import { ConceptFilter } from './ConceptFilter';
import { type Filters, NO_FILTERS, SORTS, type Sort, isFiltered } from './filtering';

/** A bound being typed that is not (yet) a date: said, and not applied (see filtering.ts). */
const badDate = (value: string) => value.trim() !== '' && !isPartialDate(value.trim());

export function FilterBar({
  filters,
  onChange,
  tags,
  langs,
  searching,
}: {
  filters: Filters;
  onChange: (filters: Filters) => void;
  tags: string[];
  langs: string[];
  searching: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    onChange({ ...filters, [key]: value });
  return (
    <fieldset className="filters">
      <legend className="visually-hidden">{t('filters.title')}</legend>
      <Field label={t('filters.sort')}>
        {(props) => (
          <select
            {...props}
            value={filters.sort}
            disabled={searching}
            onChange={(e) => set('sort', e.target.value as Sort)}
          >
            {SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`sort.${sort}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <DateInput
        label={t('filters.from')}
        value={filters.from}
        onChange={(value) => set('from', value)}
        error={badDate(filters.from) ? t('form.error.date') : undefined}
      />
      <DateInput
        label={t('filters.to')}
        value={filters.to}
        onChange={(value) => set('to', value)}
        error={badDate(filters.to) ? t('form.error.date') : undefined}
      />
      <Field label={t('filters.tag')}>
        {(props) => (
          <select {...props} value={filters.tag} onChange={(e) => set('tag', e.target.value)}>
            <option value="">{t('filters.any')}</option>
            {tags.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ConceptFilter value={filters.concept} onChange={(value) => set('concept', value)} />
      <Field label={t('filters.language')}>
        {(props) => (
          <select {...props} value={filters.lang} onChange={(e) => set('lang', e.target.value)}>
            <option value="">{t('filters.any')}</option>
            {langs.map((lang) => (
              <option key={lang} value={lang}>
                {i18n.languageName(lang)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('filters.consent')}>
        {(props) => (
          <select
            {...props}
            value={filters.consent}
            onChange={(e) => set('consent', e.target.value as ConsentStatus | '')}
          >
            <option value="">{t('filters.any')}</option>
            {CONSENT_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`consent.${status}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <button
        type="button"
        className="link"
        disabled={!isFiltered(filters)}
        onClick={() => onChange({ ...NO_FILTERS, sort: filters.sort })}
      >
        {t('filters.clear')}
      </button>
    </fieldset>
  );
}
