import { createHash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { InvalidInputError } from '../../shared/errors';
import { type BundleFileKey, type BundlePayloadKey, asKey } from '../crypto/keys';
import { FileIoError, printable } from '../fs/errors';
import { sodium, wipe } from '../crypto/sodium';
import { InvalidIdentityError } from '../identity/errors';
import { type PublicIdentity, fingerprintOf, parseIdentity } from '../identity/public-identity';
import {
  BundleBadSignatureError,
  BundleIntegrityError,
  BundleMalformedError,
  BundleNotForUsError,
} from './errors';
import {
  CHUNK_BYTES,
  FILE_KEY_BYTES,
  MAX_MANIFEST_BYTES,
  PREFIX_BYTES,
  SIGNATURE_BYTES,
  SUBKEY_PAYLOAD,
  deriveBundleKey,
  headerLength,
  headerMacValid,
  parsePrefix,
  signedMessageFrame,
  splitHeader,
} from './format';
import {
  type Manifest,
  type ManifestCounts,
  type ManifestEntry,
  parseManifest,
  senderOf,
} from './manifest';
import { PayloadStream, type PayloadReadOptions } from './payload-stream';
import { startPull } from '../crypto/secretstream';

/** Opens crypto_box_seal boxes with a private key it never hands out (VaultIdentity). */
export interface StanzaOpener {
  openSealedBoxes(boxes: Uint8Array[]): { index: number; content: Uint8Array } | null;
}

export type ReadOptions = PayloadReadOptions;

export interface BundleEntry {
  entry: ManifestEntry;
  index: number;
  /** The entry's bytes, in pieces; the last piece is followed by the SHA-256 check. */
  content: AsyncIterable<Uint8Array>;
}

/** A bundle opened with this vault's key, its header and signed manifest verified. */
export class OpenedBundle {
  #entriesStarted = false;

  constructor(
    private readonly file: FileHandle,
    private readonly payload: PayloadStream,
    readonly size: number,
    readonly header: Uint8Array,
    readonly manifest: Manifest,
    readonly counts: ManifestCounts,
    readonly sender: PublicIdentity,
    readonly senderFingerprint: string,
  ) {}

  /**
   * Each entry in manifest order. Its content must be consumed (or it is drained) before the
   * next entry is produced; after the last, the end of the payload is checked. Any mismatch
   * throws a BUNDLE.* error.
   */
  async *entries(): AsyncGenerator<BundleEntry> {
    if (this.#entriesStarted) throw new Error('entries() can be read once');
    this.#entriesStarted = true;
    for (const [index, entry] of this.manifest.entries.entries()) {
      const state = { remaining: entry.size, hash: createHash('sha256'), done: false };
      // Each iteration resumes from the shared state, so a consumer that stops early (or
      // fails) leaves the rest to the drain below, and the stream stays aligned.
      const content: AsyncIterable<Uint8Array> = {
        [Symbol.asyncIterator]: () => this.#content(entry, state),
      };
      yield { entry, index, content };
      // Whatever the consumer left unread is read (and checked) here.
      for await (const _ of content) {
        // draining
      }
    }
    await this.payload.finish();
  }

  async *#content(
    entry: ManifestEntry,
    state: { remaining: number; hash: ReturnType<typeof createHash>; done: boolean },
  ): AsyncGenerator<Uint8Array> {
    if (state.done) return;
    while (state.remaining > 0) {
      const piece = await this.payload.readSome(Math.min(state.remaining, CHUNK_BYTES));
      state.remaining -= piece.length;
      state.hash.update(piece);
      // A copy: the consumer may keep it while the next chunk is decrypted.
      yield piece.slice();
    }
    if (state.done) return;
    state.done = true;
    if (state.hash.digest('hex') !== entry.sha256) {
      throw new BundleIntegrityError('an entry does not match its SHA-256', {
        kind: entry.kind,
        id: entry.id,
      });
    }
  }

  async close(): Promise<void> {
    await this.file.close().catch(() => undefined);
  }
}

/**
 * Opens a bundle for this vault: reads the header, finds the stanza sealed to this vault,
 * checks the header MAC, then reads the manifest and verifies the sender's signature over the
 * header and manifest, all before any entry is read. Throws BUNDLE.NOT_FOR_US when no stanza
 * opens; every other failure is a typed BUNDLE.* error as well.
 */
export async function openBundle(
  path: string,
  opener: StanzaOpener,
  options: ReadOptions = {},
): Promise<OpenedBundle> {
  const file = await openBundleFile(path);
  let fileKey: BundleFileKey | null = null;
  let payloadKey: BundlePayloadKey | null = null;
  try {
    const { size } = await file.stat();
    const prefix = new Uint8Array(PREFIX_BYTES);
    if ((await file.read(prefix, 0, PREFIX_BYTES, 0)).bytesRead < PREFIX_BYTES) {
      throw new BundleMalformedError('the file is too short');
    }
    const headerBytes = new Uint8Array(headerLength(parsePrefix(prefix)));
    const { bytesRead } = await file.read(headerBytes, 0, headerBytes.length, 0);
    if (bytesRead < headerBytes.length) throw new BundleMalformedError('the header is cut short');
    const header = splitHeader(headerBytes);
    const opened = opener.openSealedBoxes(header.stanzas);
    if (!opened) throw new BundleNotForUsError();
    fileKey = asKey(opened.content, 'bundle-file');
    if (fileKey.length !== FILE_KEY_BYTES)
      throw new BundleMalformedError('the file key has the wrong size');
    if (!headerMacValid(header, fileKey)) {
      throw new BundleIntegrityError('the header does not authenticate');
    }
    payloadKey = deriveBundleKey(fileKey, SUBKEY_PAYLOAD);
    const puller = startPull({ header: header.streamHeader, key: payloadKey });
    if (!puller) throw new BundleIntegrityError('the payload header is not valid');
    const payload = new PayloadStream(file, puller, headerBytes.length, size, options);

    const manifestLength = new DataView((await payload.readExactly(4)).buffer).getUint32(0);
    if (manifestLength < 2 || manifestLength > MAX_MANIFEST_BYTES) {
      throw new BundleMalformedError('the manifest length is out of range');
    }
    // Read straight into the signed message: no copy of up to 16 MiB.
    const signed = signedMessageFrame(headerBytes, manifestLength);
    const manifestBytes = await payload.readExactly(manifestLength, signed.manifest);
    const signature = await payload.readExactly(SIGNATURE_BYTES);
    const senderString = senderOf(manifestBytes);
    let sender: PublicIdentity;
    try {
      sender = parseIdentity(senderString);
    } catch (error) {
      if (error instanceof InvalidIdentityError)
        throw new BundleMalformedError('the sender identity is not valid');
      throw error;
    }
    const valid = sodium().verifyDetached({
      signature,
      message: signed.message,
      publicKey: sender.signingKey,
    });
    if (!valid) throw new BundleBadSignatureError();
    const { manifest, counts } = await parseManifest(manifestBytes);
    // JSON keeps the last of two members with one name, the streaming read the first: a
    // manifest naming two senders is not the one that was verified.
    if (manifest.sender !== senderString)
      throw new BundleMalformedError('the manifest names two senders');
    return new OpenedBundle(
      file,
      payload,
      size,
      headerBytes,
      manifest,
      counts,
      sender,
      fingerprintOf(sender),
    );
  } catch (error) {
    await file.close().catch(() => undefined);
    throw error;
  } finally {
    wipe(fileKey, payloadKey);
  }
}

/** Opens a bundle file for reading: FILE.IO naming it and the cause, or a folder refused. */
export async function openBundleFile(path: string): Promise<FileHandle> {
  let file: FileHandle;
  try {
    file = await open(path, 'r');
  } catch (error) {
    throw new FileIoError('Cannot read the bundle', path, error);
  }
  const isFolder = await file.stat().then(
    (info) => info.isDirectory(),
    () => false,
  );
  if (isFolder) {
    await file.close();
    throw new InvalidInputError(`${printable(path)} is a folder, not a bundle file.`, { path });
  }
  return file;
}
