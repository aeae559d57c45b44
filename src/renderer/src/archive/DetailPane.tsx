import { useI18n } from '../i18n/I18n';
import { RecordForm } from '../record/RecordForm';
import { RecordPane } from '../record/RecordPane';
import { ExportWizard } from '../sharing/ExportWizard';
import { useFocusOnMount } from '../ui/focus';
import type { Detail, DetailActions } from './useDetail';

/** The right-hand pane: the export wizard, a new record's form, one record, or a hint. */
export function DetailPane({
  detail,
  actions,
  listIds,
  inList,
}: {
  detail: Detail;
  actions: DetailActions;
  listIds: string[];
  /** Whether the selected record is in the list as searched and filtered. */
  inList: boolean;
}) {
  const { t } = useI18n();
  const { selectedId, creating, sharing } = detail;
  return (
    <section className="detail-pane" aria-label={t('archive.detail')}>
      {sharing ? (
        <ExportWizard
          selectedId={selectedId}
          listIds={listIds}
          onClose={actions.closeShare}
          onEditConsent={actions.editConsent}
        />
      ) : creating ? (
        <RecordForm
          record={null}
          onCancel={actions.cancelNew}
          onSaved={(saved) => actions.saved(saved.id)}
        />
      ) : selectedId ? (
        // Keyed by the record: another record starts in view mode with nothing left over.
        <RecordPane
          key={selectedId}
          id={selectedId}
          focusOnMount={detail.focus}
          editConsent={detail.consent}
          outOfList={!inList}
          emptyPane={<EmptyPane focus={false} />}
          onDeleted={actions.deleted}
          onShare={actions.share}
        />
      ) : (
        <EmptyPane focus={detail.focus} />
      )}
    </section>
  );
}

function EmptyPane({ focus }: { focus: boolean }) {
  const { t } = useI18n();
  const ref = useFocusOnMount<HTMLParagraphElement>(focus);
  return (
    <div className="empty-pane">
      <p ref={ref} tabIndex={-1}>
        {t('archive.pick')}
      </p>
    </div>
  );
}
