import { Suspense, lazy, useCallback, useRef, useState } from 'react';
import type { AttachmentView } from '../../../shared/ipc/types';
import { previewKindOf } from '../../../shared/media/preview-types';
import { useMediaUrl } from '../data/attachments';
import { useI18n } from '../i18n/I18n';
import { visibleName } from '../ui/safe-text';

// pdf.js is large: it loads only when a PDF is opened.
const PdfPreview = lazy(() => import('./PdfPreview'));

/**
 * Evidence shown straight from the media protocol, which decrypts as the element reads (video
 * and audio seek through Range requests). No copy of the file is made anywhere.
 */
export function Preview({ attachment }: { attachment: AttachmentView }) {
  const { t } = useI18n();
  // The same list the media protocol serves inline: nothing else is ever embedded.
  const kind = previewKindOf(attachment.mime);
  const media = useMediaUrl(attachment.id, kind !== null);
  const [broken, setBroken] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const url = media.data ?? null;
  const failed = broken || media.isError;

  // Bring the opened preview into view once it has its size; it opens below the file's row.
  const reveal = useCallback(() => box.current?.scrollIntoView({ block: 'nearest' }), []);

  const label = visibleName(attachment.name);
  if (!kind) return <p className="muted">{t('evidence.noPreview')}</p>;
  if (failed) return <p role="alert">{t('evidence.previewFailed')}</p>;
  if (!url) return <p className="muted">{t('evidence.loading')}</p>;
  return (
    <div className="preview" data-testid="evidence-preview" ref={box}>
      {kind === 'image' && (
        <img src={url} alt={label} onLoad={reveal} onError={() => setBroken(true)} />
      )}
      {kind === 'audio' && (
        <audio src={url} controls preload="metadata" aria-label={label} onLoadedMetadata={reveal} />
      )}
      {kind === 'video' && (
        <video src={url} controls preload="metadata" aria-label={label} onLoadedMetadata={reveal} />
      )}
      {kind === 'pdf' && (
        <Suspense fallback={<p className="muted">{t('evidence.loading')}</p>}>
          <PdfPreview url={url} label={label} onRendered={reveal} />
        </Suspense>
      )}
    </div>
  );
}
