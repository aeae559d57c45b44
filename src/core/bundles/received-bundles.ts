import { associatedData } from '../crypto/aead';
import { sodium } from '../crypto/sodium';
import { openJson, sealJson } from '../records/codec';
import type { Vault } from '../vault/vault';

/**
 * The bundles this vault has received, so the same bundle is never applied twice (a record
 * deleted after import, e.g. because consent was withdrawn, must not come back by re-importing
 * an old bundle). Rows are keyed by BLAKE2b-256 of the bundle id under the vault's 'bundles'
 * key: the table does not reveal which bundle ids it holds to someone who has the disk and a
 * bundle but not the vault's keys. The row's content is sealed.
 */
export interface ReceivedBundle {
  bundleId: string;
  partner: string;
  senderFingerprint: string;
  receivedAt: string;
  records: number;
  attachments: number;
}

function rowId(vault: Vault, bundleId: string): string {
  const s = sodium();
  return s.to_hex(
    s.crypto_generichash(
      32,
      new TextEncoder().encode(`tvault-received-bundle:${bundleId}`),
      vault.keys.key('bundles'),
    ),
  );
}

function ad(vault: Vault, id: string): Uint8Array {
  return associatedData('tvault-received-bundle', vault.vaultId, id);
}

export function findReceived(vault: Vault, bundleId: string): ReceivedBundle | null {
  const id = rowId(vault, bundleId);
  const row = vault.db.prepare('SELECT sealed FROM received_bundles WHERE id = ?').get(id) as
    { sealed: Uint8Array } | undefined;
  if (!row) return null;
  return openJson<ReceivedBundle>(
    vault.keys.key('bundles'),
    row.sealed,
    ad(vault, id),
    `received bundle ${id.slice(0, 8)}`,
  );
}

/** Records a received bundle; runs inside the import's transaction. */
export function recordReceived(vault: Vault, received: ReceivedBundle): void {
  const id = rowId(vault, received.bundleId);
  vault.db
    .prepare('INSERT OR REPLACE INTO received_bundles (id, sealed) VALUES (?, ?)')
    .run(id, sealJson(vault.keys.key('bundles'), received, ad(vault, id)));
}
