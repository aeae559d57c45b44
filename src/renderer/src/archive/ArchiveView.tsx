import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { Features, Snippet } from '../../../shared/ipc/types';
import type { RecordSummary, TestimonyRecord } from '../../../shared/records/types';
import { call } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { RecordPane } from '../record/RecordPane';
import { ExportWizard } from '../sharing/ExportWizard';
import { useSearch } from '../search/useSearch';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { FilterBar } from './FilterBar';
import { RecordList } from './RecordList';
import { NO_FILTERS, applyFilters, facets, isFiltered } from './filtering';
import { summaryOf } from './summary';

/** How many of the best hits get a highlighted snippet from main. */
const SNIPPETS_FOR = 30;

export function ArchiveView({ features }: { features: Features }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [summaries, setSummaries] = useState<RecordSummary[] | null>(null);
  const [error, setError] = useState('');
  const [filters, setFilters] = useState(NO_FILTERS);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query.trim());
  const [ranked, setRanked] = useState<{ query: string; ids: string[] } | null>(null);
  const [snippets, setSnippets] = useState<Map<string, Snippet>>(new Map());
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [activeIndex, setActiveIndex] = useState(-1);
  const search = useSearch(features.search);
  const { run: runSearch, enabled: searchEnabled, generation, invalidate } = search;

  useEffect(() => {
    let live = true;
    call('records.list', {})
      .then((list) => live && setSummaries(list))
      .catch((caught) => live && setError(describeError(i18n, caught)));
    return () => {
      live = false;
    };
  }, [i18n]);

  // Search as you type: the worker ranks, main highlights the best few.
  useEffect(() => {
    if (!deferredQuery || !searchEnabled) {
      setRanked(null);
      setSnippets(new Map());
      return;
    }
    let live = true;
    runSearch(deferredQuery)
      .then(async (result) => {
        if (!live) return;
        // Quoted phrases: the worker matched their words; main checks the exact phrase.
        const ids = deferredQuery.includes('"')
          ? await call('search.verifyPhrases', {
              ids: result.ids.slice(0, 10_000),
              query: deferredQuery,
            })
          : result.ids;
        if (!live) return;
        setRanked({ query: deferredQuery, ids });
        const top = ids.slice(0, SNIPPETS_FOR);
        const found = top.length
          ? await call('search.snippets', { ids: top, query: deferredQuery })
          : [];
        if (live) setSnippets(new Map(found.map((s) => [s.id, s])));
      })
      .catch(() => live && setRanked({ query: deferredQuery, ids: [] }));
    return () => {
      live = false;
    };
  }, [deferredQuery, runSearch, searchEnabled, generation]);

  const items = useMemo(
    () => (summaries ? applyFilters(summaries, filters, ranked?.ids) : []),
    [summaries, filters, ranked],
  );
  const { tags, langs } = useMemo(() => facets(summaries ?? []), [summaries]);

  const open = useCallback((id: string) => {
    setCreating(false);
    setSharing(false);
    setSelectedId(id);
  }, []);

  const saved = useCallback(
    (record: TestimonyRecord) => {
      setSummaries((list) => {
        const old = list?.find((s) => s.id === record.id);
        const next = summaryOf(record, old?.attachmentCount ?? 0);
        return old ? list!.map((s) => (s.id === record.id ? next : s)) : [next, ...(list ?? [])];
      });
      invalidate();
      setCreating(false);
      setSelectedId(record.id);
    },
    [invalidate],
  );

  const deleted = useCallback(
    (id: string) => {
      setSummaries((list) => list?.filter((s) => s.id !== id) ?? null);
      invalidate();
      setSelectedId(null);
    },
    [invalidate],
  );

  // The latest list, for callbacks that must compare without re-creating themselves.
  const summariesRef = useRef(summaries);
  summariesRef.current = summaries;

  const attachmentCount = useCallback(
    (id: string, count: number) => {
      const old = summariesRef.current?.find((s) => s.id === id);
      if (!old || old.attachmentCount === count) return;
      // Evidence text is searchable too: the index changed.
      invalidate();
      setSummaries(
        (list) => list?.map((s) => (s.id === id ? { ...s, attachmentCount: count } : s)) ?? null,
      );
    },
    [invalidate],
  );

  const searching = ranked !== null;
  return (
    <div className="archive">
      <section className="list-pane" aria-label={t('archive.title')}>
        <div className="list-tools">
          <button
            type="button"
            className="primary"
            onClick={() => {
              setSharing(false);
              setCreating(true);
              setSelectedId(null);
            }}
          >
            {t('archive.new')}
          </button>
          {search.enabled && (
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
          )}
        </div>
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
        <p className="count" aria-live="polite">
          {summaries === null
            ? t('archive.loading')
            : searching
              ? t('search.count', {
                  shown: i18n.number(items.length),
                  total: i18n.number(summaries.length),
                })
              : t('archive.count', {
                  shown: i18n.number(items.length),
                  total: i18n.number(summaries.length),
                })}
          {search.status === 'loading' && ` · ${t('search.preparing')}`}
          {search.status === 'failed' && ` · ${t('search.failed')}`}
          {features.sharing && items.length > 0 && (
            <button type="button" className="link" onClick={() => setSharing(true)}>
              {t('export.shareList')}
            </button>
          )}
        </p>
        <Alert>{error}</Alert>
        {summaries && summaries.length === 0 && <p className="muted">{t('archive.empty')}</p>}
        <RecordList
          items={items}
          selectedId={selectedId}
          activeIndex={activeIndex}
          onActiveIndex={setActiveIndex}
          onOpen={open}
          snippets={snippets}
          label={t('archive.listLabel')}
        />
      </section>
      <section className="detail-pane" aria-label={t('archive.detail')}>
        {sharing ? (
          <ExportWizard
            selectedId={selectedId}
            listIds={items.map((s) => s.id)}
            onClose={() => setSharing(false)}
          />
        ) : (
          <RecordPane
            id={selectedId}
            creating={creating}
            features={features}
            onSaved={saved}
            onDeleted={deleted}
            onCancelNew={() => setCreating(false)}
            onAttachmentCount={attachmentCount}
            onShare={() => setSharing(true)}
          />
        )}
      </section>
    </div>
  );
}
