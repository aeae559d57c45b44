import { type OcrProgress, canOcr } from '../../../shared/attachments/ocr';
import type { AttachmentView } from '../../../shared/ipc/types';
import { useI18n } from '../i18n/I18n';
import { ConfirmButton } from '../ui/ConfirmButton';
import { visibleName } from '../ui/safe-text';
import { Preview } from './Preview';

/** One evidence file: its name, size, type, SHA-256, and what can be done with it. */
export function EvidenceItem({
  item,
  open,
  onToggle,
  onExtract,
  onDetach,
  recognizing,
  progress,
  onRecognize,
  onCancelRecognize,
}: {
  item: AttachmentView;
  open: boolean;
  recognizing: boolean;
  /** The latest progress of a recognition of this file (undefined before the first report). */
  progress: OcrProgress | undefined;
  onRecognize: () => void;
  onCancelRecognize: () => void;
  onToggle: () => void;
  onExtract: () => void;
  onDetach: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <li className="evidence-item">
      <div className="evidence-head">
        <strong dir="auto" className="file-name">
          {visibleName(item.name)}
        </strong>
        <span className="muted">
          {i18n.bytes(item.size)} · {item.mime} · {i18n.dateTime(item.addedAt)}
        </span>
      </div>
      {item.description && <p dir="auto">{item.description}</p>}
      {item.textSkipped && (
        <p className="muted" data-testid="text-skipped">
          {t(`evidence.textSkipped.${item.textSkipped}`)}
        </p>
      )}
      {item.ocr && (
        <p className="muted" data-testid="ocr-status">
          {item.ocr.failed
            ? ocrFailure(t, item.mime, item.ocr)
            : t(item.ocr.pages === undefined ? 'evidence.ocr.done' : 'evidence.ocr.donePages', {
                languages: item.ocr.languages.join('+'),
                confidence: String(item.ocr.confidence),
                pages: String(item.ocr.pages ?? 0),
              })}
        </p>
      )}
      {recognizing && <OcrProgressBar progress={progress} onCancel={onCancelRecognize} />}
      {item.metadata && <MetadataFlags item={item} />}
      <p className="hash">
        <span>{t('evidence.sha256')}</span>{' '}
        <code dir="ltr" data-testid="sha256">
          {item.sha256}
        </code>
      </p>
      <div className="actions">
        <button type="button" aria-expanded={open} onClick={onToggle}>
          {open ? t('evidence.hidePreview') : t('evidence.preview')}
        </button>
        {canOcr(item.mime) && (
          <button
            type="button"
            onClick={onRecognize}
            disabled={recognizing}
            aria-busy={recognizing}
          >
            {recognizing
              ? t('evidence.ocr.running')
              : item.ocr
                ? t('evidence.ocr.again')
                : t('evidence.ocr.run')}
          </button>
        )}
        <button type="button" onClick={onExtract}>
          {t('evidence.extract')}
        </button>
        <ConfirmButton
          label={t('evidence.detach')}
          confirmLabel={t('evidence.detachConfirm')}
          onConfirm={onDetach}
        />
      </div>
      {open && <Preview attachment={item} />}
    </li>
  );
}

/** How far the recognition is (for a PDF: which page of how many), and a way to stop it. */
function OcrProgressBar({
  progress,
  onCancel,
}: {
  progress: OcrProgress | undefined;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const percent = Math.floor((progress?.fraction ?? 0) * 100);
  const label =
    progress?.page !== undefined && progress.pages !== undefined
      ? t('evidence.ocr.progressPage', {
          page: String(progress.page),
          pages: String(progress.pages),
          percent: String(percent),
        })
      : t('evidence.ocr.progress', { percent: String(percent) });
  return (
    <div className="ocr-progress" data-testid="ocr-progress">
      <progress max={100} value={percent} aria-label={label} />
      <span role="status">{label}</span>
      <button type="button" onClick={onCancel}>
        {t('evidence.ocr.cancel')}
      </button>
    </div>
  );
}

/** The fields of the file's own metadata that can identify someone (place, device, person, date). */
function MetadataFlags({ item }: { item: AttachmentView }) {
  const { t } = useI18n();
  const flagged = (item.metadata?.fields ?? []).filter((field) => field.flag);
  if (flagged.length === 0) return null;
  return (
    <details className="metadata" data-testid="metadata-flags">
      <summary>{t('evidence.metadata.flagged', { count: String(flagged.length) })}</summary>
      <ul>
        {flagged.map((field) => (
          <li key={`${field.group}.${field.name}`}>
            <span>{t(`evidence.metadata.flag.${field.flag!}`)}</span>{' '}
            <code dir="ltr">
              {field.group}.{field.name}
            </code>
            : <bdi>{visibleName(field.value)}</bdi>
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * Why OCR gave no text, naming what failed: for a PDF the page that stopped it ("page 2 of 3"),
 * or the PDF itself when it was refused whole; for an image, the image.
 */
function ocrFailure(
  t: ReturnType<typeof useI18n>['t'],
  mime: string,
  ocr: NonNullable<AttachmentView['ocr']>,
): string {
  const reason = ocr.failed!;
  if (mime !== 'application/pdf') return t(`evidence.ocr.failed.${reason}`);
  if (ocr.failedPage !== undefined && ocr.pageCount !== undefined)
    return t(`evidence.ocr.failedPage.${reason}`, {
      page: String(ocr.failedPage),
      pages: String(ocr.pageCount),
    });
  if (reason === 'unreadable' || reason === 'too-large')
    return t(`evidence.ocr.failedPdf.${reason}`);
  return t(`evidence.ocr.failed.${reason}`);
}
