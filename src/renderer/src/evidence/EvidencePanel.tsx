import { useState } from 'react';
import { canOcr } from '../../../shared/attachments/ocr';
import type { AttachmentView } from '../../../shared/ipc/types';
import { call, errorCode } from '../api/client';
import {
  useAttachments,
  useCancelRecognition,
  useDetachAttachment,
  useExtractAttachment,
  useOcrProgress,
  useRecognizeText,
  useRecognizing,
} from '../data/attachments';
import { useUploads } from '../data/useUploads';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { visibleName } from '../ui/safe-text';
import { Dropzone } from './Dropzone';
import { EvidenceItem } from './EvidenceItem';

/**
 * A record's evidence: drop files (or choose them), see each with its SHA-256 fingerprint,
 * preview, recognise the text of an image for search, save a verified copy elsewhere, or detach.
 */
export function EvidencePanel({ recordId }: { recordId: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const items = useAttachments(recordId);
  const detach = useDetachAttachment(recordId);
  const extract = useExtractAttachment();
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const report = (caught: unknown) => setError(describeError(i18n, caught));
  const recognize = useRecognizeText(recordId, (caught) =>
    errorCode(caught) === 'CANCELLED' ? setNotice(t('evidence.ocr.cancelled')) : report(caught),
  );
  const recognizing = useRecognizing();
  const progress = useOcrProgress();
  const cancelRecognition = useCancelRecognition();
  // "Recognise text automatically after attaching" (Settings), read when a file is stored.
  const afterUpload = (file: AttachmentView) => {
    if (!canOcr(file.mime) || file.hasText) return;
    void call('settings.get', {})
      .then((settings) => settings.ocrAfterAttach === true && recognize.mutate(file.id))
      .catch(report);
  };
  const uploads = useUploads(recordId, report, afterUpload);
  const clear = () => {
    setError('');
    setNotice('');
  };
  const list = items.data;
  const shownError = error || (items.error ? describeError(i18n, items.error) : '');

  return (
    <section className="evidence" aria-labelledby="evidence-title">
      <h3 id="evidence-title">{t('evidence.title')}</h3>
      <Dropzone
        onFiles={(files) => {
          clear();
          void uploads.add(files);
        }}
      />
      {uploads.transfers.map((x) => (
        <div key={x.key} className="transfer">
          <span dir="auto">{visibleName(x.name)}</span>
          <progress
            max={Math.max(1, x.total)}
            value={x.done}
            aria-label={t('evidence.uploading', { name: visibleName(x.name) })}
          />
          <span>
            {i18n.bytes(x.done)} / {i18n.bytes(x.total)}
          </span>
        </div>
      ))}
      <Alert>{shownError}</Alert>
      <Alert tone="info">{notice}</Alert>
      {list && list.length === 0 && <p className="muted">{t('evidence.none')}</p>}
      {list && list.length > 0 && (
        <ul className="evidence-list">
          {list.map((item) => (
            <EvidenceItem
              key={item.id}
              item={item}
              open={open === item.id}
              onToggle={() => setOpen(open === item.id ? null : item.id)}
              recognizing={recognizing.includes(item.id)}
              progress={progress[item.id]}
              onRecognize={() => {
                clear();
                recognize.mutate(item.id);
              }}
              onCancelRecognize={() => cancelRecognition.mutate(item.id, { onError: report })}
              onExtract={() => {
                clear();
                extract.mutate(item.id, {
                  onSuccess: (result) =>
                    result && setNotice(t('evidence.saved', { path: result.path })),
                  onError: report,
                });
              }}
              onDetach={() => {
                setError('');
                detach.mutate(item.id, {
                  onSuccess: () => open === item.id && setOpen(null),
                  onError: report,
                });
              }}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
