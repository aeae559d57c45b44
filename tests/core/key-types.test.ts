import { describe, expect, it } from 'vitest';
import { wrapFileKey } from '../../src/core/attachments/meta';
import { deriveBundleKey, SUBKEY_PAYLOAD } from '../../src/core/bundles/format';
import { startPull } from '../../src/core/crypto/secretstream';
import type {
  AttachmentsKey,
  BundleFileKey,
  FileKey,
  RecordsKey,
  SearchKey,
} from '../../src/core/crypto/keys';
import { asKey } from '../../src/core/crypto/keys';
import { seal } from '../../src/core/crypto/aead';
import type { KeyRing } from '../../src/core/crypto/keyring';

/**
 * Keys are typed by purpose (src/core/crypto/keys.ts). These uses must not compile: each
 * `@ts-expect-error` fails `npm run typecheck` if the line below it ever type-checks, i.e. if
 * the brands stopped keeping one purpose's key out of another's place. Nothing here runs.
 */
function typeChecks(ring: KeyRing, records: RecordsKey, search: SearchKey, file: FileKey) {
  const binding = { vaultId: 'v', attachmentId: 'a', recordId: 'r' };
  // @ts-expect-error: a records key is not the attachments key
  wrapFileKey({ attachmentsKey: records, fileKey: file, binding });
  const attachments = ring.key('attachments');
  // @ts-expect-error: the attachments key is not an attachment's file key
  wrapFileKey({ attachmentsKey: attachments, fileKey: attachments, binding });
  // @ts-expect-error: a search key is not a bundle's file key
  deriveBundleKey(search, SUBKEY_PAYLOAD);
  startPull({
    header: new Uint8Array(24),
    // @ts-expect-error: a bundle's file key is not its payload key
    key: asKey(new Uint8Array(32), 'bundle-file') satisfies BundleFileKey,
  });
  // @ts-expect-error: a bare byte array is no key at all
  seal({ key: new Uint8Array(32), plain: new Uint8Array(1), ad: new Uint8Array(0) });
  // @ts-expect-error: the key ring hands out each purpose's type
  const wrong: AttachmentsKey = ring.key('records');
  // The right uses compile.
  wrapFileKey({ attachmentsKey: ring.key('attachments'), fileKey: file, binding });
  seal({ key: records, plain: new Uint8Array(1), ad: new Uint8Array(0) });
  return wrong;
}

describe('purpose-typed keys', () => {
  it('are plain byte arrays at run time (the brand is only in the types)', () => {
    const bytes = new Uint8Array(32);
    expect(asKey(bytes, 'file')).toBe(bytes);
    expect(typeof typeChecks).toBe('function');
  });
});
