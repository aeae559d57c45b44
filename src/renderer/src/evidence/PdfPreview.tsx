import { GlobalWorkerOptions, type PDFDocumentProxy, getDocument } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18n';

GlobalWorkerOptions.workerSrc = workerUrl;

/**
 * A PDF drawn page by page on a canvas by pdf.js (no browser PDF plugin, no eval: the CSP
 * forbids both). Scripts and forms in the PDF are never run.
 */
export default function PdfPreview({
  url,
  label,
  onRendered,
}: {
  url: string;
  label: string;
  onRendered: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const canvas = useRef<HTMLCanvasElement>(null);
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [page, setPage] = useState(1);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    const task = getDocument({
      url,
      isEvalSupported: false,
      enableXfa: false,
      disableAutoFetch: true,
      stopAtErrors: false,
    });
    let live = true;
    task.promise.then((d) => live && setDoc(d)).catch(() => live && setFailed(true));
    return () => {
      live = false;
      void task.destroy();
    };
  }, [url]);

  useEffect(() => {
    if (!doc || !canvas.current) return;
    let cancelled = false;
    let render: { cancel(): void } | null = null;
    void doc.getPage(page).then((p) => {
      if (cancelled || !canvas.current) return;
      const width = canvas.current.parentElement?.clientWidth ?? 600;
      const base = p.getViewport({ scale: 1 });
      const viewport = p.getViewport({ scale: Math.min(2, width / base.width) });
      const el = canvas.current;
      el.width = Math.floor(viewport.width);
      el.height = Math.floor(viewport.height);
      const task = p.render({ canvas: el, viewport });
      render = task;
      task.promise.then(onRendered, () => undefined);
    });
    return () => {
      cancelled = true;
      render?.cancel();
    };
  }, [doc, page, onRendered]);

  if (failed) return <p role="alert">{t('evidence.previewFailed')}</p>;
  return (
    <div className="pdf-preview">
      <canvas ref={canvas} role="img" aria-label={label} />
      {doc && (
        <div className="actions">
          <button type="button" disabled={page <= 1} onClick={() => setPage((n) => n - 1)}>
            {t('pdf.previous')}
          </button>
          <span>{t('pdf.page', { n: i18n.number(page), total: i18n.number(doc.numPages) })}</span>
          <button
            type="button"
            disabled={page >= doc.numPages}
            onClick={() => setPage((n) => n + 1)}
          >
            {t('pdf.next')}
          </button>
        </div>
      )}
    </div>
  );
}
