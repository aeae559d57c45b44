import type { ConsentStatus, RecordSummary } from '../../../shared/records/types';
import { isPartialDate } from '../../../shared/records/dates';
import { hasConcept } from '../../../shared/vocabulary/match';

export const SORTS = ['updated-desc', 'updated-asc', 'date-desc', 'date-asc', 'title'] as const;
export type Sort = (typeof SORTS)[number];

export interface Filters {
  /**
   * Bounds as typed (inclusive): YYYY, YYYY-MM or YYYY-MM-DD, '' for open. A bound that is not
   * such a date (still being typed) is not applied.
   */
  from: string;
  to: string;
  tag: string;
  /** A concept of the vocabulary, by id: records tagged with any of its names. */
  concept: string;
  lang: string;
  consent: ConsentStatus | '';
  sort: Sort;
}

export const NO_FILTERS: Filters = {
  from: '',
  to: '',
  tag: '',
  concept: '',
  lang: '',
  consent: '',
  sort: 'updated-desc',
};

export function isFiltered(filters: Filters): boolean {
  return Boolean(
    filters.from || filters.to || filters.tag || filters.concept || filters.lang || filters.consent,
  );
}

/** The first day a "from" bound covers and the last day a "to" bound covers, or '' (open). */
function bounds(filters: Filters): { from: string; to: string } {
  const from = filters.from.trim();
  const to = filters.to.trim();
  return {
    from: from && isPartialDate(from) ? dateSpan(from)[0] : '',
    to: to && isPartialDate(to) ? dateSpan(to)[1] : '',
  };
}

/** The span of days a partial date (YYYY, YYYY-MM, YYYY-MM-DD) covers, as comparable strings. */
export function dateSpan(date: string): [string, string] {
  const [y, m, d] = date.split('-');
  if (d) return [date, date];
  if (m) return [`${y}-${m}-01`, `${y}-${m}-31`];
  return [`${y}-01-01`, `${y}-12-31`];
}

/**
 * `conceptNames`: the folded names of the chosen concept (null when none is chosen, or it is no
 * longer in the vocabulary: then the filter is not applied, as a bound still being typed).
 */
function matches(
  summary: RecordSummary,
  filters: Filters,
  conceptNames: ReadonlySet<string> | null,
): boolean {
  if (filters.tag && !summary.tags.includes(filters.tag)) return false;
  if (conceptNames && !hasConcept(summary.tags, conceptNames)) return false;
  if (filters.lang && summary.lang.split('-')[0] !== filters.lang) return false;
  if (filters.consent && summary.consent.status !== filters.consent) return false;
  const { from, to } = bounds(filters);
  if (from || to) {
    // Undated records are left out once a date range is asked for.
    if (!summary.date) return false;
    const [start, end] = dateSpan(summary.date);
    if (from && end < from) return false;
    if (to && start > to) return false;
  }
  return true;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function compare(sort: Sort): (a: RecordSummary, b: RecordSummary) => number {
  switch (sort) {
    case 'updated-asc':
      return (a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id);
    case 'date-desc':
      // Undated records go last in both directions.
      return (a, b) =>
        (b.date ?? '').localeCompare(a.date ?? '') || b.updatedAt.localeCompare(a.updatedAt);
    case 'date-asc':
      return (a, b) =>
        (a.date === null ? 1 : 0) - (b.date === null ? 1 : 0) ||
        (a.date ?? '').localeCompare(b.date ?? '') ||
        b.updatedAt.localeCompare(a.updatedAt);
    case 'title':
      return (a, b) => collator.compare(a.title, b.title) || a.id.localeCompare(b.id);
    case 'updated-desc':
    default:
      return (a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);
  }
}

/**
 * The archive list: filters applied, then either the given order (search hits, best first) or
 * the chosen sort. Linear in the number of records; 100,000 summaries take a few milliseconds.
 */
export function applyFilters(
  summaries: readonly RecordSummary[],
  filters: Filters,
  ranked?: readonly string[],
  conceptNames: ReadonlySet<string> | null = null,
): RecordSummary[] {
  if (ranked) {
    const byId = new Map(summaries.map((s) => [s.id, s]));
    const out: RecordSummary[] = [];
    for (const id of ranked) {
      const summary = byId.get(id);
      if (summary && matches(summary, filters, conceptNames)) out.push(summary);
    }
    return out;
  }
  return summaries.filter((s) => matches(s, filters, conceptNames)).sort(compare(filters.sort));
}

/** Tags and languages present in the archive, most used first, for the filter menus. */
export function facets(summaries: readonly RecordSummary[]): { tags: string[]; langs: string[] } {
  const tags = new Map<string, number>();
  const langs = new Map<string, number>();
  for (const s of summaries) {
    for (const tag of s.tags) tags.set(tag, (tags.get(tag) ?? 0) + 1);
    if (s.lang) {
      const base = s.lang.split('-')[0]!;
      langs.set(base, (langs.get(base) ?? 0) + 1);
    }
  }
  const byCount = (m: Map<string, number>) =>
    [...m.entries()].sort((a, b) => b[1] - a[1] || collator.compare(a[0], b[0])).map(([k]) => k);
  return { tags: byCount(tags), langs: byCount(langs) };
}
