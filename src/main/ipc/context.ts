import type { Channel, EventName } from '../../shared/ipc/channels';
import type { ParsedRequestOf, ResponseOf } from '../../shared/ipc/contract';
import type { AppInfo, EventPayloads } from '../../shared/ipc/types';
import type { SettingsStore } from '../settings-store';
import type { Uploads } from '../uploads';
import type { VaultSession } from '../vault-session';

/** The system dialog main opens for the renderer (Electron's dialog module in the app). */
export interface Dialogs {
  /** Where to save an extracted file or a bundle; null when cancelled. */
  saveFile(
    defaultName: string,
    kind: 'evidence' | 'bundle' | 'report' | 'vocabulary',
  ): Promise<string | null>;
  /** A folder to make or update a backup in, or holding an export's files; null when cancelled. */
  chooseFolder(purpose: 'backup' | 'importFiles'): Promise<string | null>;
  /** A bundle to open; null when cancelled. */
  openBundle(): Promise<string | null>;
  /** A vocabulary file (JSON or CSV) to import; null when cancelled. */
  openVocabulary(): Promise<string | null>;
  /** Another tool's export, or a mapping file (JSON), to import; null when cancelled. */
  openFile(purpose: 'import' | 'mapping'): Promise<string | null>;
}

/** The system clipboard (Electron's clipboard module in the app). */
export interface Clipboard {
  writeText(text: string): void;
}

export type Emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

/** Everything the handlers need from the outside world; tests build it without Electron. */
export interface HandlerContext {
  session: VaultSession;
  settings: SettingsStore;
  uploads: Uploads;
  dialogs: Dialogs;
  clipboard: Clipboard;
  info: AppInfo;
  emit: Emit;
}

/** One implementation per channel, receiving a request that already passed its schema. */
export type HandlerImpl<C extends Channel> = (
  request: ParsedRequestOf<C>,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

export type HandlerImpls<K extends Channel> = { [C in K]: HandlerImpl<C> };
