import { type DragEvent, useCallback, useEffect, useRef, useState } from 'react';
import type { AttachmentView } from '../../../shared/ipc/types';
import { call } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { ConfirmButton } from '../ui/ConfirmButton';
import { describeError } from '../ui/errors';
import { visibleName } from '../ui/safe-text';
import { Preview } from './Preview';
import { uploadFile } from './upload';

interface Transfer {
  key: string;
  name: string;
  done: number;
  total: number;
}

/**
 * A record's evidence: drop files (or choose them), see each with its SHA-256 fingerprint,
 * preview, save a verified copy elsewhere, or detach.
 */
export function EvidencePanel({
  recordId,
  onCount,
}: {
  recordId: string;
  onCount: (count: number) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [items, setItems] = useState<AttachmentView[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef(new AbortController());

  const reload = useCallback(async () => {
    const list = await call('attachments.list', { recordId });
    setItems(list);
    onCount(list.length);
  }, [recordId, onCount]);

  useEffect(() => {
    const controller = new AbortController();
    abort.current = controller;
    setItems(null);
    setOpen(null);
    reload().catch((caught) => setError(describeError(i18n, caught)));
    return () => controller.abort();
  }, [recordId, reload, i18n]);

  const addFiles = async (files: File[]) => {
    setError('');
    setNotice('');
    for (const file of files) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      setTransfers((list) => [...list, { key, name: file.name, done: 0, total: file.size }]);
      try {
        await uploadFile(
          recordId,
          file,
          (done, total) =>
            setTransfers((list) => list.map((x) => (x.key === key ? { ...x, done, total } : x))),
          abort.current.signal,
        );
      } catch (caught) {
        if (!abort.current.signal.aborted) setError(describeError(i18n, caught));
      } finally {
        setTransfers((list) => list.filter((x) => x.key !== key));
      }
    }
    if (!abort.current.signal.aborted) await reload().catch(() => undefined);
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) void addFiles(files);
  };

  const extract = async (item: AttachmentView) => {
    setError('');
    setNotice('');
    try {
      const result = await call('attachments.extract', { id: item.id });
      if (result) setNotice(t('evidence.saved', { path: result.path }));
    } catch (caught) {
      setError(describeError(i18n, caught));
    }
  };

  const detach = async (item: AttachmentView) => {
    setError('');
    try {
      await call('attachments.detach', { id: item.id });
      if (open === item.id) setOpen(null);
      await reload();
    } catch (caught) {
      setError(describeError(i18n, caught));
    }
  };

  return (
    <section className="evidence" aria-labelledby="evidence-title">
      <h3 id="evidence-title">{t('evidence.title')}</h3>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          e.dataTransfer.dropEffect = 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>{t('evidence.drop')}</p>
        <button type="button" onClick={() => input.current?.click()}>
          {t('evidence.choose')}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          data-testid="evidence-input"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            if (files.length > 0) void addFiles(files);
          }}
        />
      </div>
      {transfers.map((x) => (
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
      <Alert>{error}</Alert>
      <Alert tone="info">{notice}</Alert>
      {items && items.length === 0 && <p className="muted">{t('evidence.none')}</p>}
      {items && items.length > 0 && (
        <ul className="evidence-list">
          {items.map((item) => (
            <li key={item.id} className="evidence-item">
              <div className="evidence-head">
                <strong dir="auto" className="file-name">
                  {visibleName(item.name)}
                </strong>
                <span className="muted">
                  {i18n.bytes(item.size)} · {item.mime} · {i18n.dateTime(item.addedAt)}
                </span>
              </div>
              {item.description && <p dir="auto">{item.description}</p>}
              <p className="hash">
                <span>{t('evidence.sha256')}</span>{' '}
                <code dir="ltr" data-testid="sha256">
                  {item.sha256}
                </code>
              </p>
              <div className="actions">
                <button
                  type="button"
                  aria-expanded={open === item.id}
                  onClick={() => setOpen(open === item.id ? null : item.id)}
                >
                  {open === item.id ? t('evidence.hidePreview') : t('evidence.preview')}
                </button>
                <button type="button" onClick={() => void extract(item)}>
                  {t('evidence.extract')}
                </button>
                <ConfirmButton
                  label={t('evidence.detach')}
                  confirmLabel={t('evidence.detachConfirm')}
                  onConfirm={() => void detach(item)}
                />
              </div>
              {open === item.id && <Preview attachment={item} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
