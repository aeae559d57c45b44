import { useEffect, useRef, useState } from 'react';
import type { AttachmentView } from '../../../shared/ipc/types';
import { useAttachmentsChanged } from './attachments';
import { uploadFile } from './upload';

export interface Transfer {
  key: string;
  name: string;
  done: number;
  total: number;
}

/**
 * Files going into a record, one after the other, with their progress. Leaving the record (or
 * locking) aborts what is still going: main then keeps nothing of it. `onStored` hears of each
 * file stored (the evidence panel starts text recognition there when the setting is on).
 */
export function useUploads(
  recordId: string,
  onError: (error: unknown) => void,
  onStored?: (file: AttachmentView) => void,
) {
  const [transfers, setTransfers] = useState<Transfer[]>([]);
  const abort = useRef(new AbortController());
  const changed = useAttachmentsChanged(recordId);

  useEffect(() => {
    const controller = new AbortController();
    abort.current = controller;
    return () => controller.abort();
  }, [recordId]);

  const progress = (key: string, done: number, total: number) =>
    setTransfers((list) => list.map((x) => (x.key === key ? { ...x, done, total } : x)));

  const add = async (files: File[]) => {
    const signal = abort.current.signal;
    for (const file of files) {
      const key = `${file.name}-${file.size}-${Math.random()}`;
      setTransfers((list) => [...list, { key, name: file.name, done: 0, total: file.size }]);
      try {
        const stored = await uploadFile(
          recordId,
          file,
          (done, total) => progress(key, done, total),
          signal,
        );
        onStored?.(stored);
      } catch (caught) {
        if (!signal.aborted) onError(caught);
      } finally {
        setTransfers((list) => list.filter((x) => x.key !== key));
      }
    }
    if (!signal.aborted) await changed().catch(() => undefined);
  };

  return { transfers, add };
}
