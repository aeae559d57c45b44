import { join } from 'node:path';
import { TEST_KDF } from '../../src/core/crypto/kdf';
import type { HandlerContext } from '../../src/main/ipc/context';
import { type Handlers, createHandlers } from '../../src/main/ipc/handlers';
import { SettingsStore } from '../../src/main/settings-store';
import { Uploads } from '../../src/main/uploads';
import { VaultSession } from '../../src/main/vault-session';

/**
 * The app's handler object over a vault in `dir/name` (weak test KDF), with dialogs that are
 * always cancelled and a clipboard that keeps nothing: main without Electron, for handler tests.
 */
export function testAppHandlers(
  dir: string,
  name: string,
  emit: HandlerContext['emit'] = () => undefined,
): { session: VaultSession; handlers: Handlers } {
  const session = new VaultSession({ dir: join(dir, name), vaultOptions: { kdf: TEST_KDF } });
  const handlers = createHandlers({
    session,
    settings: new SettingsStore(join(dir, `${name}.json`), { autoLockMinutes: 5, language: 'en' }),
    uploads: new Uploads(),
    emit,
    info: { version: 't', mediaOrigin: 'tvault-media://attachment', panicShortcut: 'X' },
    dialogs: {
      saveFile: async () => null,
      openBundle: async () => null,
      openVocabulary: async () => null,
      openFile: async () => null,
      chooseFolder: async () => null,
    },
    clipboard: { writeText: () => undefined },
  });
  return { session, handlers };
}
