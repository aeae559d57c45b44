import { associatedData } from '../crypto/associated-data';
import type { KeyRing } from '../crypto/keyring';
import type { Key } from '../crypto/keys';
import { sodium } from '../crypto/sodium';
import { openJson, sealJson } from '../records/codec';
import type { Db } from '../storage/db';
import type { VaultScope } from '../storage/scope';
import {
  dropTable,
  putSealedRow,
  sealedRow,
  sealedRows,
  tableExists,
} from '../storage/tables/sealed-rows';

/**
 * The bundles this vault has received, so the same bundle is never applied twice (a record
 * deleted after import, e.g. because consent was withdrawn, must not come back by re-importing
 * an old bundle). Rows are keyed by BLAKE2b-256 of the bundle id under the vault's
 * 'receivedIds' key: the table does not reveal which bundle ids it holds to someone who has the
 * disk and a bundle but not the vault's keys. The row's content is sealed under another key,
 * 'receivedRows' (one key per construction; docs/crypto.md).
 */
export interface ReceivedBundle {
  bundleId: string;
  partner: string;
  senderFingerprint: string;
  receivedAt: string;
  records: number;
  attachments: number;
}

const encoder = new TextEncoder();

function rowIdUnder(key: Key<'receivedIds'>, bundleId: string): string {
  const digest = sodium().blake2b({
    length: 32,
    message: encoder.encode(`tvault-received-bundle:${bundleId}`),
    key,
  });
  return Buffer.from(digest).toString('hex');
}

function ad(vaultId: string, id: string): Uint8Array {
  return associatedData('tvault-received-bundle', vaultId, id);
}

function subject(id: string): string {
  return `received bundle ${id.slice(0, 8)}`;
}

function insert(db: Db, keys: KeyRing, vaultId: string, received: ReceivedBundle): void {
  const id = rowIdUnder(keys.key('receivedIds'), received.bundleId);
  putSealedRow(db, 'received_bundles', {
    id,
    sealed: sealJson(keys.key('receivedRows'), received, ad(vaultId, id)),
  });
}

/** The received_bundles table of one unlocked vault (`vault.receivedBundles`). */
export class ReceivedBundles {
  constructor(private readonly scope: VaultScope) {}

  find(bundleId: string): ReceivedBundle | null {
    const { db, keys, vaultId } = this.scope;
    const id = rowIdUnder(keys.key('receivedIds'), bundleId);
    const sealed = sealedRow(db, 'received_bundles', id);
    if (!sealed) return null;
    return openJson<ReceivedBundle>(keys.key('receivedRows'), sealed, ad(vaultId, id), subject(id));
  }

  /** Records a received bundle; runs inside the import's transaction. */
  record(received: ReceivedBundle): void {
    insert(this.scope.db, this.scope.keys, this.scope.vaultId, received);
  }
}

/**
 * The keyed half of migration 3, run at every unlock (a no-op once done): rows written before
 * it, keyed and sealed with the one retired 'legacyBundles' key, are opened, given their new id
 * and sealed under the new key; then their holding table goes. One transaction: a damaged old
 * row refuses the unlock (INTEGRITY.FAILED, naming the row, never the bundle id) and leaves
 * every row where it was.
 */
export function resealReceivedBundles(db: Db, keys: KeyRing, vaultId: string): void {
  if (!tableExists(db, 'received_bundles_to_reseal')) return;
  db.transaction(() => {
    for (const row of sealedRows(db, 'received_bundles_to_reseal')) {
      const received = openJson<ReceivedBundle>(
        keys.key('legacyBundles'),
        row.sealed,
        ad(vaultId, row.id),
        subject(row.id),
      );
      insert(db, keys, vaultId, received);
    }
    dropTable(db, 'received_bundles_to_reseal');
  })();
}
