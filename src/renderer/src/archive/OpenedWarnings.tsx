import { createContext, useContext, useMemo, useState } from 'react';

export interface OpenedWarnings {
  /** Whether the reader chose to open this testimony behind its content warning. */
  isOpen: (id: string) => boolean;
  setOpen: (id: string, open: boolean) => void;
}

const Context = createContext<OpenedWarnings | null>(null);
export const OpenedWarningsProvider = Context.Provider;

/**
 * Which testimonies behind a content warning the reader opened in this session. The record's
 * text and its search snippets both stay closed until then.
 */
export function useOpenedWarningsState(): OpenedWarnings {
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  return useMemo(
    () => ({
      isOpen: (id) => opened.has(id),
      setOpen: (id, open) =>
        setOpened((set) => {
          const next = new Set(set);
          if (open) next.add(id);
          else next.delete(id);
          return next;
        }),
    }),
    [opened],
  );
}

export function useOpenedWarnings(): OpenedWarnings {
  const value = useContext(Context);
  if (!value) throw new Error('useOpenedWarnings outside OpenedWarningsProvider');
  return value;
}
