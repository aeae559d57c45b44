import { useCallback, useMemo, useState } from 'react';
import { useUnsavedGuard } from '../ui/UnsavedGuard';

/** What the detail pane shows: a record (or nothing), a new record's form, or the export wizard. */
export interface Detail {
  selectedId: string | null;
  creating: boolean;
  sharing: boolean;
  /** Whether the shown view takes the focus (after save, cancel, close; not on a list click). */
  focus: boolean;
  /** The record opens in its form, focused on its consent (from the export review). */
  consent: boolean;
}

export interface DetailActions {
  open: (id: string) => void;
  startNew: () => void;
  cancelNew: () => void;
  share: () => void;
  closeShare: () => void;
  /** Leaves the export review for a refused record's consent fields. */
  editConsent: (id: string) => void;
  saved: (id: string) => void;
  deleted: () => void;
}

const NOTHING: Detail = {
  selectedId: null,
  creating: false,
  sharing: false,
  focus: false,
  consent: false,
};

/** The detail pane's state; what would leave a form with unsaved changes asks first. */
export function useDetail(): [Detail, DetailActions] {
  const [detail, setDetail] = useState<Detail>(NOTHING);
  const { guard } = useUnsavedGuard();
  const show = useCallback(
    (id: string, focus = false) => setDetail({ ...NOTHING, selectedId: id, focus }),
    [],
  );
  const actions = useMemo(
    (): DetailActions => ({
      open: (id) => guard(() => show(id)),
      startNew: () => guard(() => setDetail({ ...NOTHING, creating: true })),
      cancelNew: () => setDetail((d) => ({ ...d, creating: false, focus: true })),
      share: () => guard(() => setDetail((d) => ({ ...d, sharing: true }))),
      closeShare: () => setDetail((d) => ({ ...d, sharing: false, focus: true })),
      editConsent: (id) => setDetail({ ...NOTHING, selectedId: id, consent: true }),
      saved: (id) => show(id, true),
      deleted: () => setDetail({ ...NOTHING, focus: true }),
    }),
    [guard, show],
  );
  return [detail, actions];
}
