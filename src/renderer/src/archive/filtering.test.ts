import { describe, expect, it } from 'vitest';
import type { RecordSummary } from '../../../shared/records/types';
import { foldedNames } from '../../../shared/vocabulary/match';
import { NO_FILTERS, applyFilters } from './filtering';

const summary = (id: string, date: string | null): RecordSummary => ({
  id,
  title: id,
  date,
  lang: '',
  tags: [],
  updatedAt: `2025-01-01T00:00:0${id.length}Z`,
  createdAt: '2025-01-01T00:00:00Z',
  revision: 1,
  consent: { status: 'given', scope: 'archive-only', date: null, note: '' },
  hasWarning: false,
  attachmentCount: 0,
});

const list = [
  summary('d2018', '2018-12-31'),
  summary('y2019', '2019'),
  summary('m2020', '2020-06'),
  summary('d2021', '2021-01-01'),
  summary('none', null),
];
const ids = (from: string, to: string) =>
  applyFilters(list, { ...NO_FILTERS, from, to })
    .map((s) => s.id)
    .sort();

describe('date filters take partial dates', () => {
  it('a year or a month as a bound covers all its days', () => {
    expect(ids('2019', '2020')).toEqual(['m2020', 'y2019']);
    expect(ids('2020-06', '')).toEqual(['d2021', 'm2020']);
    expect(ids('', '2019-01')).toEqual(['d2018', 'y2019']); // 2019 overlaps January 2019
    expect(ids('2020-06-30', '2020-06-30')).toEqual(['m2020']);
  });

  it('a bound still being typed (not a date) is not applied', () => {
    expect(ids('20', '')).toEqual(['d2018', 'd2021', 'm2020', 'none', 'y2019']);
    expect(ids('2019', '2020-13')).toEqual(['d2021', 'm2020', 'y2019']);
  });
});

describe('the concept filter', () => {
  const tagged = (id: string, tags: string[]) => ({ ...summary(id, null), tags });
  const records = [
    tagged('es', ['AMENAZAS', 'otra']),
    tagged('fr', ['Ménaces']),
    tagged('ar', ['تَهْديد']),
    tagged('plural', ['amenaza']),
    tagged('none', ['violence']),
  ];
  const names = foldedNames({
    id: 'threats',
    prefLabel: { es: 'amenazas', fr: 'menaces', ar: 'تهديد' },
  });

  it('finds records tagged with any name of the concept, folded as the core folds tags', () => {
    const found = applyFilters(records, { ...NO_FILTERS, concept: 'threats' }, undefined, names);
    expect(found.map((s) => s.id).sort()).toEqual(['ar', 'es', 'fr']);
    // Search results keep their order and are filtered the same way.
    const ranked = applyFilters(records, NO_FILTERS, ['none', 'fr', 'es'], names);
    expect(ranked.map((s) => s.id)).toEqual(['fr', 'es']);
  });

  it('is not applied when the concept is no longer in the vocabulary', () => {
    expect(applyFilters(records, { ...NO_FILTERS, concept: 'gone' }, undefined, null)).toHaveLength(
      5,
    );
  });
});
