import { type ReactNode, useState } from 'react';
import type { TestimonyRecord } from '../../../shared/records/types';
import { useDeleteRecord, useRecord } from '../data/records';
import { EvidencePanel } from '../evidence/EvidencePanel';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { ConfirmButton } from '../ui/ConfirmButton';
import { describeError } from '../ui/errors';
import { CustodyReportView } from './CustodyReportView';
import { HistoryView } from './HistoryView';
import { RecordForm } from './RecordForm';
import { RecordView } from './RecordView';

export type PaneMode = 'view' | 'edit' | 'history' | 'custody';

/** One record, read, edited, its history or its custody report. Keyed by the record's id by its parent. */
export function RecordPane({
  id,
  focusOnMount,
  editConsent = false,
  outOfList,
  emptyPane,
  onDeleted,
  onShare,
}: {
  id: string;
  focusOnMount: boolean;
  /** Start in the form, focused on the consent fields. */
  editConsent?: boolean;
  /** The search or filters left the record out: it is not shown (a form being edited stays). */
  outOfList: boolean;
  emptyPane: ReactNode;
  onDeleted: () => void;
  onShare: () => void;
}) {
  const i18n = useI18n();
  const record = useRecord(id);
  const [mode, setModeState] = useState<PaneMode>(editConsent ? 'edit' : 'view');
  // Back from the form or the history, focus goes to the record's heading.
  const [focusView, setFocusView] = useState(focusOnMount);
  // The consent fields take the focus once, when the export review sent the person here.
  const [consentFirst, setConsentFirst] = useState(editConsent);
  const setMode = (next: PaneMode) => {
    setFocusView(next === 'view');
    setConsentFirst(false);
    setModeState(next);
  };

  if (record.error) return <Alert>{describeError(i18n, record.error)}</Alert>;
  if (!record.data) return <p className="muted">{i18n.t('evidence.loading')}</p>;
  if (mode === 'edit') {
    return (
      <RecordForm
        record={record.data}
        onCancel={() => setMode('view')}
        onSaved={() => setMode('view')}
        focusConsent={consentFirst}
      />
    );
  }
  if (outOfList) return emptyPane;
  if (mode === 'history') return <HistoryView id={id} onClose={() => setMode('view')} />;
  if (mode === 'custody') return <CustodyReportView id={id} onClose={() => setMode('view')} />;
  return (
    <div className="record-pane">
      <RecordActions
        record={record.data}
        onMode={setMode}
        onShare={onShare}
        onDeleted={onDeleted}
      />
      <RecordView key={id} record={record.data} focusHeading={focusView} />
      <EvidencePanel recordId={id} />
    </div>
  );
}

function RecordActions({
  record,
  onMode,
  onShare,
  onDeleted,
}: {
  record: TestimonyRecord;
  onMode: (mode: PaneMode) => void;
  onShare: () => void;
  onDeleted: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const remove = useDeleteRecord();
  return (
    <>
      <div className="pane-header actions">
        <button type="button" onClick={() => onMode('edit')}>
          {t('record.edit')}
        </button>
        <button type="button" onClick={() => onMode('history')}>
          {t('record.history')}
        </button>
        <button type="button" onClick={onShare}>
          {t('record.share')}
        </button>
        <button type="button" onClick={() => onMode('custody')}>
          {t('report.open')}
        </button>
        <ConfirmButton
          label={t('record.delete')}
          confirmLabel={t('record.deleteConfirm')}
          onConfirm={() => remove.mutate(record.id, { onSuccess: onDeleted })}
        />
      </div>
      <Alert>{remove.error ? describeError(i18n, remove.error) : ''}</Alert>
    </>
  );
}
