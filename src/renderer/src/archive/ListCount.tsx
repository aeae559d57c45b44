import { useI18n } from '../i18n/I18n';
import type { SearchStatus } from '../search/client';

/** How many records the list shows out of how many, the search's state, and "Share these…". */
export function ListCount({
  shown,
  total,
  searching,
  status,
  onShare,
}: {
  shown: number;
  total: number | null;
  searching: boolean;
  status: SearchStatus;
  onShare: (() => void) | null;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const counts = { shown: i18n.number(shown), total: i18n.number(total ?? 0) };
  return (
    <p className="count" aria-live="polite">
      {total === null
        ? t('archive.loading')
        : searching
          ? t('search.count', counts)
          : t('archive.count', counts)}
      {status === 'loading' && ` · ${t('search.preparing')}`}
      {status === 'failed' && ` · ${t('search.failed')}`}
      {onShare && (
        <button type="button" className="link" onClick={onShare}>
          {t('export.shareList')}
        </button>
      )}
    </p>
  );
}
