import { useRef, useState } from 'react';
import { useI18n } from '../i18n/I18n';

/** Drop files here, or choose them. */
export function Dropzone({ onFiles }: { onFiles: (files: File[]) => void }) {
  const { t } = useI18n();
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  return (
    <div
      className={`dropzone${dragging ? ' dragging' : ''}`}
      data-testid="dropzone"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        const files = [...e.dataTransfer.files];
        if (files.length > 0) onFiles(files);
      }}
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
          if (files.length > 0) onFiles(files);
        }}
      />
    </div>
  );
}
