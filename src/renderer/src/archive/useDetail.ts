import { useCallback, useMemo, useState } from 'react';

/** What the detail pane shows: a record (or nothing), a new record's form, or the export wizard. */
export interface Detail {
  selectedId: string | null;
  creating: boolean;
  sharing: boolean;
}

export interface DetailActions {
  open: (id: string) => void;
  startNew: () => void;
  cancelNew: () => void;
  share: () => void;
  closeShare: () => void;
  saved: (id: string) => void;
  deleted: () => void;
}

const NOTHING: Detail = { selectedId: null, creating: false, sharing: false };

export function useDetail(): [Detail, DetailActions] {
  const [detail, setDetail] = useState<Detail>(NOTHING);
  const open = useCallback((id: string) => setDetail({ ...NOTHING, selectedId: id }), []);
  const actions = useMemo(
    (): DetailActions => ({
      open,
      startNew: () => setDetail({ ...NOTHING, creating: true }),
      cancelNew: () => setDetail((d) => ({ ...d, creating: false })),
      share: () => setDetail((d) => ({ ...d, sharing: true })),
      closeShare: () => setDetail((d) => ({ ...d, sharing: false })),
      saved: open,
      deleted: () => setDetail(NOTHING),
    }),
    [open],
  );
  return [detail, actions];
}
