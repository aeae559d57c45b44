import type { Vault } from '../vault/vault';
import { BundleNotForUsError } from './errors';
import { verifyBundle } from './verify';
import { openBundleFile } from './bundle-reader';

/** What can be told about a bundle without importing it. */
export type InspectReport =
  | { size: number; recipient: false }
  | {
      size: number;
      recipient: true;
      /** Every chunk, entry hash and the signature were checked. */
      verified: true;
      /** The partner's name, or null when the sender is not a partner. */
      from: string | null;
      fingerprint: string;
      partnerVerified: boolean;
      bundleId: string;
      createdAt: string;
      records: number;
      revisions: number;
      attachments: number;
      bytes: number;
      redacted: boolean;
      history: boolean;
      alreadyReceived: boolean;
    };

/**
 * For a recipient (this vault can open it): who sent it, when, what it holds, after full
 * verification. For anyone else: only the file's size, which is all the format reveals.
 */
export async function inspectBundle(vault: Vault | null, path: string): Promise<InspectReport> {
  let size: number;
  const file = await openBundleFile(path);
  try {
    size = (await file.stat()).size;
  } finally {
    await file.close();
  }
  if (!vault) return { size, recipient: false };
  try {
    const verified = await verifyBundle(vault, path, { requireKnownSender: false });
    const { manifest, counts } = verified;
    return {
      size,
      recipient: true,
      verified: true,
      from: verified.partner?.name ?? null,
      fingerprint: verified.senderFingerprint,
      partnerVerified: verified.partner?.verified ?? false,
      bundleId: manifest.bundleId,
      createdAt: manifest.createdAt,
      records: counts.records,
      revisions: counts.revisions,
      attachments: counts.attachments,
      bytes: counts.bytes,
      redacted: manifest.redacted,
      history: manifest.history,
      alreadyReceived: vault.receivedBundles.find(manifest.bundleId) !== null,
    };
  } catch (error) {
    if (error instanceof BundleNotForUsError) return { size, recipient: false };
    throw error;
  }
}
