import type { Vault } from '../core/vault/vault';
import type { MediaSource } from './protocols/media';
import { attachmentsOf } from './wiring';

/** The media protocol's view of the unlocked vault's evidence (null while locked). */
export function mediaSourceOf(vault: Vault | null): MediaSource | null {
  if (!vault) return null;
  return {
    info: (id) => {
      const info = attachmentsOf(vault).get(id);
      return { size: info.size, mime: info.mime };
    },
    read: (id, range) => attachmentsOf(vault).readStream(id, range),
  };
}
