import { useCallback, useEffect, useState } from 'react';
import type { Features } from '../../../shared/ipc/types';
import type { TestimonyRecord } from '../../../shared/records/types';
import { call } from '../api/client';
import { EvidencePanel } from '../evidence/EvidencePanel';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { ConfirmButton } from '../ui/ConfirmButton';
import { describeError } from '../ui/errors';
import { HistoryView } from './HistoryView';
import { RecordForm } from './RecordForm';
import { RecordView } from './RecordView';

export type PaneMode = 'view' | 'edit' | 'history';

/** The right-hand pane: one record read, edited, or its history; or a new record's form. */
export function RecordPane({
  id,
  creating,
  features,
  onSaved,
  onDeleted,
  onCancelNew,
  onAttachmentCount,
  onShare,
}: {
  id: string | null;
  creating: boolean;
  features: Features;
  onSaved: (record: TestimonyRecord) => void;
  onDeleted: (id: string) => void;
  onCancelNew: () => void;
  onAttachmentCount: (id: string, count: number) => void;
  onShare: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [record, setRecord] = useState<TestimonyRecord | null>(null);
  const [mode, setMode] = useState<PaneMode>('view');
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    setRecord(null);
    setMode('view');
    setError('');
    if (id) {
      call('records.get', { id })
        .then((r) => live && setRecord(r))
        .catch((caught) => live && setError(describeError(i18n, caught)));
    }
    return () => {
      live = false;
    };
  }, [id, i18n]);

  const countChanged = useCallback(
    (count: number) => {
      if (id) onAttachmentCount(id, count);
    },
    [id, onAttachmentCount],
  );

  if (creating) {
    return (
      <RecordForm
        record={null}
        onCancel={onCancelNew}
        onSaved={(saved) => {
          onSaved(saved);
        }}
      />
    );
  }
  if (!id) {
    return (
      <div className="empty-pane">
        <p>{t('archive.pick')}</p>
      </div>
    );
  }
  if (error) return <Alert>{error}</Alert>;
  if (!record) return <p className="muted">{t('evidence.loading')}</p>;

  if (mode === 'edit') {
    return (
      <RecordForm
        record={record}
        onCancel={() => setMode('view')}
        onSaved={(saved) => {
          setRecord(saved);
          setMode('view');
          onSaved(saved);
        }}
      />
    );
  }
  if (mode === 'history') return <HistoryView id={record.id} onClose={() => setMode('view')} />;

  const remove = async () => {
    try {
      await call('records.delete', { id: record.id });
      onDeleted(record.id);
    } catch (caught) {
      setError(describeError(i18n, caught));
    }
  };

  return (
    <div className="record-pane">
      <div className="pane-header actions">
        <button type="button" onClick={() => setMode('edit')}>
          {t('record.edit')}
        </button>
        <button type="button" onClick={() => setMode('history')}>
          {t('record.history')}
        </button>
        {features.sharing && (
          <button type="button" onClick={onShare}>
            {t('record.share')}
          </button>
        )}
        <ConfirmButton
          label={t('record.delete')}
          confirmLabel={t('record.deleteConfirm')}
          onConfirm={() => void remove()}
        />
      </div>
      <RecordView key={record.id} record={record} />
      {features.attachments && <EvidencePanel recordId={record.id} onCount={countChanged} />}
    </div>
  );
}
