import {
  type ReactNode,
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useI18n } from '../i18n/I18n';

interface Guard {
  /** A form says whether it holds changes that are not saved. */
  setDirty: (dirty: boolean) => void;
  /** Runs `action` now, or, when a form holds unsaved changes, once the person chose to discard. */
  guard: (action: () => void) => void;
}

const Context = createContext<Guard | null>(null);

/**
 * Nothing typed is lost silently: leaving a form with changes (another testimony, a new one,
 * another tab, Cancel, Escape) asks first. A lock is not asked about (it keeps nothing, by
 * design); `onDirty` lets the app say on the lock screen that a draft was discarded.
 */
export function UnsavedGuard({
  onDirty,
  children,
}: {
  onDirty: (dirty: boolean) => void;
  children: ReactNode;
}) {
  const dirty = useRef(false);
  const [pending, setPending] = useState<(() => void) | null>(null);
  const setDirty = useCallback(
    (value: boolean) => {
      dirty.current = value;
      onDirty(value);
    },
    [onDirty],
  );
  const guard = useCallback((action: () => void) => {
    if (dirty.current) setPending(() => action);
    else action();
  }, []);
  const value = useMemo(() => ({ setDirty, guard }), [setDirty, guard]);
  return (
    <Context.Provider value={value}>
      {children}
      {pending && (
        <DiscardDialog
          onKeep={() => setPending(null)}
          onDiscard={() => {
            setPending(null);
            setDirty(false);
            pending();
          }}
        />
      )}
    </Context.Provider>
  );
}

export function useUnsavedGuard(): Guard {
  const value = useContext(Context);
  if (!value) throw new Error('useUnsavedGuard outside UnsavedGuard');
  return value;
}

/** A form reports here whether it differs from what was saved; unmounting clears it. */
export function useDirty(dirty: boolean): void {
  const { setDirty } = useUnsavedGuard();
  useEffect(() => {
    setDirty(dirty);
  }, [dirty, setDirty]);
  useEffect(() => () => setDirty(false), [setDirty]);
}

/** A modal question (the native dialog: focus kept inside, Escape means "keep editing"). */
function DiscardDialog({ onKeep, onDiscard }: { onKeep: () => void; onDiscard: () => void }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby="discard-title"
      aria-describedby="discard-explain"
      onCancel={(e) => {
        e.preventDefault();
        onKeep();
      }}
    >
      <h2 id="discard-title">{t('unsaved.title')}</h2>
      <p id="discard-explain">{t('unsaved.explain')}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onKeep} autoFocus>
          {t('unsaved.keep')}
        </button>
        <button type="button" className="danger" onClick={onDiscard}>
          {t('unsaved.discard')}
        </button>
      </div>
    </dialog>
  );
}
