import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { type BundleSigner, shuffled, u32 } from '../bundles/bundle-writer';
import {
  CHUNK_BYTES,
  FILE_KEY_BYTES,
  SUBKEY_PAYLOAD,
  buildHeader,
  deriveBundleKey,
  signedMessage,
} from '../bundles/format';
import { asKey } from '../crypto/keys';
import { startPush } from '../crypto/secretstream';
import { randomBytes, wipe } from '../crypto/sodium';
import { writeFileAtomic } from '../fs/atomic';
import {
  CHANGESET_MAGIC,
  CHANGESET_SIGNATURE_CONTEXT,
  CHANGESET_SUFFIX,
  type ChangeSetManifest,
  type Changes,
  paddedLength,
  versionFor,
} from './changeset-format';

export interface ChangeSetMeta {
  team: string;
  changeSetId: string;
  seq: number;
  epoch: number;
  createdAt: string;
}

/**
 * The manifest and the padding that brings the plaintext to its Padmé size class. The
 * padding's own digits change the manifest's length, so it is settled in a few rounds.
 */
function manifestWithPadding(
  base: Omit<ChangeSetManifest, 'padding'>,
  changesLength: number,
): Uint8Array {
  const encoder = new TextEncoder();
  // `sender` first: readers find it in the first 16 KiB (docs/bundle-format.md).
  const manifestAt = (padding: number) => encoder.encode(JSON.stringify({ ...base, padding }));
  const unpaddedAt = (padding: number) => 4 + manifestAt(padding).length + 64 + changesLength;
  let target = paddedLength(unpaddedAt(0));
  for (;;) {
    let padding = Math.max(0, target - unpaddedAt(0));
    for (let round = 0; round < 4; round++) {
      const next = target - unpaddedAt(padding);
      if (next === padding) return manifestAt(padding);
      if (next < 0) break;
      padding = next;
    }
    // The digits of the padding tipped it over (or back and forth): the next size class.
    target = paddedLength(target + 1);
  }
}

/**
 * A change set's bytes (docs/team.md): the header seals a fresh file key to each recipient
 * (in random order), the payload stream holds the signed manifest, the changes and zeros.
 * Change sets are small (writers split at SPLIT_CHANGES_BYTES), so it is built in memory.
 */
export function encodeChangeSet(args: {
  recipients: Uint8Array[];
  signer: BundleSigner;
  meta: ChangeSetMeta;
  changes: Changes;
}): Uint8Array {
  const changes = new TextEncoder().encode(JSON.stringify(args.changes));
  const base = {
    sender: args.signer.identity,
    format: 'tvault-changeset' as const,
    version: versionFor(args.changes),
    ...args.meta,
    size: changes.length,
    sha256: createHash('sha256').update(changes).digest('hex'),
  };
  const manifest = manifestWithPadding(base, changes.length);
  const padding = (JSON.parse(new TextDecoder().decode(manifest)) as ChangeSetManifest).padding;

  const fileKey = asKey(randomBytes(FILE_KEY_BYTES), 'bundle-file');
  const payloadKey = deriveBundleKey(fileKey, SUBKEY_PAYLOAD);
  try {
    const { header: streamHeader, pusher } = startPush(payloadKey);
    const header = buildHeader({
      fileKey,
      recipientBoxKeys: shuffled(args.recipients),
      streamHeader,
      magic: CHANGESET_MAGIC,
    });
    const signature = args.signer.sign(
      signedMessage(header, manifest, CHANGESET_SIGNATURE_CONTEXT),
    );
    const plain = new Uint8Array(4 + manifest.length + 64 + changes.length + padding);
    plain.set(u32(manifest.length), 0);
    plain.set(manifest, 4);
    plain.set(signature, 4 + manifest.length);
    plain.set(changes, 4 + manifest.length + 64);
    const sealed: Uint8Array[] = [header];
    for (let offset = 0; offset < plain.length; offset += CHUNK_BYTES) {
      const end = Math.min(offset + CHUNK_BYTES, plain.length);
      sealed.push(pusher.push(plain.subarray(offset, end), end === plain.length));
    }
    plain.fill(0);
    return Buffer.concat(sealed);
  } finally {
    wipe(fileKey, payloadKey);
  }
}

/** The file's name in the team folder: its own SHA-256, so a partial copy never counts. */
export function changeSetName(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex') + CHANGESET_SUFFIX;
}

/** Writes it under a temporary name (ignored by readers), fsynced, then renamed to its hash. */
export function publishChangeSet(folder: string, bytes: Uint8Array): string {
  const name = changeSetName(bytes);
  writeFileAtomic(join(folder, name), bytes);
  return name;
}
