import type { KeyRing } from '../crypto/keyring';
import type { Db } from '../storage/db';
import { dropRetagTable, retagPending } from '../storage/tables/custody';
import { CustodyLog } from './custody-log';

/**
 * The keyed half of migration 9, run at every unlock (a no-op once done): the record tags were
 * keyed with the log's sealing key (tvcustdy); each entry is opened and its tags recomputed under
 * their own key (tvcustix), the tag blocks are built, the genesis noted, and the old index
 * dropped, in one transaction. The unlock writes nothing else first, so a failure leaves the log
 * as migration 9 left it, to be upgraded at the next unlock.
 */
export function retagCustodyLog(db: Db, keys: KeyRing, vaultId: string): void {
  if (!retagPending(db)) return;
  db.transaction(() => {
    new CustodyLog(db, keys, vaultId).rebuildTags();
    dropRetagTable(db);
  })();
}
