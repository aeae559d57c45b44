import { useDeferredValue, useMemo, useState } from 'react';
import { useRecordSummaries } from '../data/records';
import { useConceptNames } from '../data/vocabulary';
import { useI18n } from '../i18n/I18n';
import { SearchHelp } from '../search/SearchHelp';
import { useSearchHandle } from '../search/SearchProvider';
import { useSearchResults } from '../search/useSearchResults';
import { Alert } from '../ui/Alert';
import { useFocusOnMount } from '../ui/focus';
import { describeError } from '../ui/errors';
import { DetailPane } from './DetailPane';
import { FilterBar } from './FilterBar';
import { ListCount } from './ListCount';
import { RecordList } from './RecordList';
import { OpenedWarningsProvider, useOpenedWarningsState } from './OpenedWarnings';
import { NO_FILTERS, applyFilters, facets, isFiltered } from './filtering';
import { useDetail } from './useDetail';

/** `onImport` opens the import wizard (exports of Martus, Uwazi, KoboToolbox, CSV, JSONL). */
export function ArchiveView({ onImport }: { onImport: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const summaries = useRecordSummaries();
  const [filters, setFilters] = useState(NO_FILTERS);
  const [query, setQuery] = useState('');
  const warnings = useOpenedWarningsState();
  const warned = useMemo(
    () => new Set(summaries.data?.filter((s) => s.hasWarning).map((s) => s.id)),
    [summaries.data],
  );
  const results = useSearchResults(
    useDeferredValue(query.trim()),
    (id) => warned.has(id) && !warnings.isOpen(id),
  );
  const search = useSearchHandle();
  const [detail, act] = useDetail();
  const [activeIndex, setActiveIndex] = useState(-1);
  // At unlock and on coming back to the archive, focus lands on its (hidden) heading.
  const heading = useFocusOnMount<HTMLHeadingElement>();

  const list = summaries.data ?? null;
  const conceptNames = useConceptNames(filters.concept);
  const items = useMemo(
    () => (list ? applyFilters(list, filters, results.ids ?? undefined, conceptNames) : []),
    [list, filters, results.ids, conceptNames],
  );
  const { tags, langs } = useMemo(() => facets(list ?? []), [list]);
  const searching = results.ids !== null;

  return (
    <OpenedWarningsProvider value={warnings}>
      <div className="archive">
        <section className="list-pane" aria-labelledby="archive-heading">
          <h1 id="archive-heading" className="visually-hidden" ref={heading} tabIndex={-1}>
            {t('archive.title')}
          </h1>
          <div className="list-tools">
            <button type="button" className="primary" onClick={act.startNew}>
              {t('archive.new')}
            </button>
            <button type="button" onClick={onImport} data-testid="import-open">
              {t('import.open')}
            </button>
            <input
              type="search"
              className="search-box"
              aria-label={t('search.label')}
              placeholder={t('search.placeholder')}
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setActiveIndex(-1);
              }}
            />
          </div>
          <SearchHelp />
          <details className="filter-details">
            <summary>
              {t('filters.title')}
              {isFiltered(filters) && <span className="badge">{t('filters.active')}</span>}
            </summary>
            <FilterBar
              filters={filters}
              onChange={setFilters}
              tags={tags}
              langs={langs}
              searching={searching}
            />
          </details>
          <ListCount
            shown={items.length}
            total={list?.length ?? null}
            searching={searching}
            status={search.status}
            onShare={items.length > 0 ? act.share : null}
          />
          <Alert>{summaries.error ? describeError(i18n, summaries.error) : ''}</Alert>
          {list && list.length === 0 && <p className="muted">{t('archive.empty')}</p>}
          <RecordList
            items={items}
            selectedId={detail.selectedId}
            activeIndex={activeIndex}
            onActiveIndex={setActiveIndex}
            onOpen={act.open}
            snippets={results.snippets}
            searching={searching}
            label={t('archive.listLabel')}
          />
        </section>
        <DetailPane
          detail={detail}
          actions={act}
          listIds={items.map((s) => s.id)}
          inList={detail.selectedId !== null && items.some((s) => s.id === detail.selectedId)}
        />
      </div>
    </OpenedWarningsProvider>
  );
}
