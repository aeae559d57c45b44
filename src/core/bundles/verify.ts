import { VaultError } from '../../shared/errors';
import { checkDescription, checkName, checkTimestamp } from '../attachments/meta';
import { normaliseFingerprint } from '../identity/public-identity';
import type { PublicIdentity } from '../identity/public-identity';
import type { Partner } from '../partners/partner-store';
import type { Vault } from '../vault/vault';
import { type OpenedBundle, type ReadOptions, openBundle } from './bundle-reader';
import { BundleMalformedError, UnknownSenderError } from './errors';
import type { AttachmentEntry, Manifest, ManifestCounts } from './manifest';
import { decodeRevision } from './record-json';

export interface VerifiedBundle {
  size: number;
  header: Uint8Array;
  manifest: Manifest;
  counts: ManifestCounts;
  sender: PublicIdentity;
  senderFingerprint: string;
  /** The partner holding the sender's keys, or null for a sender accepted by fingerprint. */
  partner: Partner | null;
}

export interface VerifyOptions extends ReadOptions {
  /** Refuse senders who are not partners, unless this fingerprint is theirs. */
  requireKnownSender: boolean;
  acceptUnknownSender?: string;
}

/** Reads an entry's whole content (records are bounded by the manifest, 18 MiB at most). */
export async function collect(
  content: AsyncIterable<Uint8Array>,
  size: number,
): Promise<Uint8Array> {
  const out = new Uint8Array(size);
  let offset = 0;
  for await (const piece of content) {
    out.set(piece, offset);
    offset += piece.length;
  }
  return out;
}

/** The attachment metadata must be what the attachment store will accept on import. */
export function checkAttachmentEntry(entry: AttachmentEntry): void {
  try {
    checkName(entry.name);
    checkDescription(entry.description);
    checkTimestamp(entry.modifiedAt);
  } catch (error) {
    if (error instanceof VaultError) {
      throw new BundleMalformedError('an attachment has invalid metadata', { id: entry.id });
    }
    throw error;
  }
}

/** Who sent it: a partner, an explicitly accepted fingerprint, or an error. */
export function checkSender(
  vault: Vault,
  bundle: OpenedBundle,
  options: VerifyOptions,
): Partner | null {
  const partner = vault.partners.findByIdentity(bundle.sender);
  if (partner || !options.requireKnownSender) return partner;
  if (options.acceptUnknownSender === undefined) {
    throw new UnknownSenderError(bundle.senderFingerprint);
  }
  if (normaliseFingerprint(options.acceptUnknownSender) !== bundle.senderFingerprint) {
    throw new UnknownSenderError(bundle.senderFingerprint, 'mismatch');
  }
  return null;
}

/**
 * Verification before anything is written (the first of receive's two passes, and all of
 * inspect): opens the bundle with this vault's key, checks the header MAC, the signature and
 * the sender, then reads every chunk and checks every entry's size and SHA-256, parses every
 * record as the import will, and checks the end of the stream. Writes nothing anywhere.
 */
export async function verifyBundle(
  vault: Vault,
  path: string,
  options: VerifyOptions,
): Promise<VerifiedBundle> {
  const bundle = await openBundle(path, vault.identity, options);
  try {
    const partner = checkSender(vault, bundle, options);
    for await (const { entry, content } of bundle.entries()) {
      if (entry.kind === 'record') {
        await decodeRevision(await collect(content, entry.size), entry);
      } else {
        checkAttachmentEntry(entry);
        for await (const _ of content) {
          // The reader checks size and SHA-256 at the end of the content.
        }
      }
    }
    return {
      size: bundle.size,
      header: bundle.header,
      manifest: bundle.manifest,
      counts: bundle.counts,
      sender: bundle.sender,
      senderFingerprint: bundle.senderFingerprint,
      partner,
    };
  } finally {
    await bundle.close();
  }
}
