import { join } from 'node:path';
import type { CustodyFact } from '../../shared/custody/types';
import { AttachmentStore } from '../attachments/attachment-store';
import { ReceivedBundles } from '../bundles/received-bundles';
import { CustodyLog } from '../custody/custody-log';
import { VaultIdentity } from '../identity/vault-identity';
import { PartnerStore } from '../partners/partner-store';
import { RecordStore } from '../records/record-store';
import { SearchService } from '../search/search-service';
import type { VaultScope } from '../storage/scope';
import { TeamState } from '../team/team-state';
import { VocabularyStore } from '../vocabulary/vocabulary-store';
import { VAULT_FILES } from './paths';

/** One store per area of an open vault. */
export interface VaultStores {
  records: RecordStore;
  attachments: AttachmentStore;
  search: SearchService;
  custody: CustodyLog;
  identity: VaultIdentity;
  partners: PartnerStore;
  receivedBundles: ReceivedBundles;
  team: TeamState;
  vocabulary: VocabularyStore;
}

/**
 * Builds the stores of an open vault, each given only its scope and the paths or answers it
 * needs (never the `Vault`), and keeps the search index in step with records and evidence.
 */
export function openStores(
  scope: VaultScope,
  dir: string,
  note: (fact: CustodyFact) => void,
): VaultStores {
  const { db, keys, vaultId } = scope;
  const records = new RecordStore(db, keys, vaultId);
  const attachments = new AttachmentStore({
    scope,
    vaultDir: dir,
    blobsDir: join(dir, VAULT_FILES.blobs),
    recordExists: (id) => records.exists(id),
    recordLanguage: (id) => records.get(id).lang,
  });
  const search = new SearchService(db, keys, vaultId, records, () => attachments);
  const identity = new VaultIdentity(scope);
  // A record as written goes to the index workers at once while an import runs (index-feed.ts).
  records.onChange((id, record) => search.markStale(id, record));
  // Evidence descriptions and extracted text are indexed with their record.
  attachments.onChange((recordId) => search.markStale(recordId));
  return {
    records,
    attachments,
    search,
    custody: new CustodyLog(db, keys, vaultId),
    identity,
    partners: new PartnerStore(scope, () => identity.publicIdentity()),
    receivedBundles: new ReceivedBundles(scope),
    team: new TeamState(scope),
    vocabulary: new VocabularyStore(scope, note),
  };
}
