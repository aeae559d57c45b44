import { IntegrityError } from '../../shared/errors';
import { open, seal } from '../crypto/aead';
import { associatedDataWithPrefix } from '../crypto/associated-data';
import type { CustodyKey } from '../crypto/keys';

/** A point of the chain: an entry's seq and the SHA-256 of its plaintext. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * The two sealed points the log keeps besides its entries (docs/custody.md):
 *
 *   head    = seal(custody key, JSON {"seq","hash"}, AD("tvault-custody-head", vault id))
 *             on the newest row only
 *   genesis = seal(custody key, JSON {"seq":1,"hash"}, AD("tvault-custody-genesis", vault id))
 *             in meta, written with entry 1
 */
export type ChainPoint = 'head' | 'genesis';

const LABEL: Record<ChainPoint, string> = {
  head: 'tvault-custody-head',
  genesis: 'tvault-custody-genesis',
};

/** Each point's AD, built once per vault: the head is sealed again with every entry. */
const AD: Record<ChainPoint, (vaultId: string) => Uint8Array> = {
  head: associatedDataWithPrefix((vaultId: string) => [LABEL.head, vaultId]),
  genesis: associatedDataWithPrefix((vaultId: string) => [LABEL.genesis, vaultId]),
};

export function sealChainPoint(
  key: CustodyKey,
  vaultId: string,
  point: ChainPoint,
  head: ChainHead,
): Uint8Array {
  const plain = Buffer.from(JSON.stringify(head), 'utf8');
  return seal({ key, plain, ad: AD[point](vaultId) });
}

/** IntegrityError when it was altered or is not a chain point. */
export function openChainPoint(
  key: CustodyKey,
  vaultId: string,
  point: ChainPoint,
  sealed: Uint8Array,
): ChainHead {
  const subject = `the custody log ${point}`;
  const bytes = open({ key, sealed, ad: AD[point](vaultId), subject });
  let head: ChainHead;
  try {
    head = JSON.parse(new TextDecoder().decode(bytes)) as ChainHead;
  } catch {
    throw new IntegrityError(subject, { reason: 'format' });
  }
  if (!Number.isSafeInteger(head?.seq) || typeof head.hash !== 'string')
    throw new IntegrityError(subject, { reason: 'format' });
  return head;
}
