import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { CancelledError, FileExistsError, IntegrityError } from '../../shared/errors';
import { asKey } from '../crypto/keys';
import { randomBytes, sodium, wipe } from '../crypto/sodium';
import { FileIoError, isNodeError } from '../fs/errors';
import { StagedOutput } from '../fs/staged-output';
import {
  CHUNK_BYTES,
  FILE_KEY_BYTES,
  MAX_MANIFEST_BYTES,
  SEALED_CHUNK_BYTES,
  SUBKEY_PAYLOAD,
  buildHeader,
  deriveBundleKey,
  signedMessage,
} from './format';
import type { Manifest, ManifestEntry } from './manifest';
import { type Pusher, startPush } from '../crypto/secretstream';

/** Whoever signs the manifest: the vault identity, or (in tests) any other key. */
export interface BundleSigner {
  /** The signer's identity string, written into the manifest as `sender`. */
  identity: string;
  sign(message: Uint8Array): Uint8Array;
}

export interface WriteBundleOptions {
  out: string;
  /** Overwrite `out` if it exists (the new file replaces it only once complete). */
  force?: boolean;
  /** X25519 public keys of the recipients (1 to 255). */
  recipients: Uint8Array[];
  signer: BundleSigner;
  bundleId: string;
  createdAt: string;
  redacted: boolean;
  history: boolean;
  entries: ManifestEntry[];
  /**
   * The content of entry `index`, produced when the payload is written (after the manifest, so
   * the caller computed sizes and hashes beforehand). It must yield exactly the entry's size
   * and SHA-256, or the bundle is abandoned.
   */
  content(entry: ManifestEntry, index: number): AsyncIterable<Uint8Array>;
  onProgress?: (bytesDone: number, bytesTotal: number) => void;
  signal?: AbortSignal;
}

const WRITE_BATCH_CHUNKS = 16;

/**
 * Cuts the plaintext payload into CHUNK_BYTES messages. The newest full chunk is held back
 * until more data arrives, so that the last one can be pushed with TAG_FINAL.
 */
class ChunkedPayload {
  readonly #buffer = new Uint8Array(CHUNK_BYTES);
  #filled = 0;
  // Sealed chunks are written WRITE_BATCH_CHUNKS at a time (about 1 MiB), not one by one.
  readonly #out = new Uint8Array(WRITE_BATCH_CHUNKS * SEALED_CHUNK_BYTES);
  #outFilled = 0;
  #position: number;

  constructor(
    private readonly file: FileHandle,
    private readonly pusher: Pusher,
    start: number,
  ) {
    this.#position = start;
  }

  async write(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      if (this.#filled === CHUNK_BYTES) await this.#seal(false);
      const take = Math.min(CHUNK_BYTES - this.#filled, bytes.length - offset);
      this.#buffer.set(bytes.subarray(offset, offset + take), this.#filled);
      this.#filled += take;
      offset += take;
    }
  }

  async #seal(final: boolean): Promise<void> {
    const sealed = this.pusher.push(this.#buffer.subarray(0, this.#filled), final);
    this.#buffer.fill(0, 0, this.#filled);
    this.#filled = 0;
    if (this.#outFilled + sealed.length > this.#out.length) await this.#flush();
    this.#out.set(sealed, this.#outFilled);
    this.#outFilled += sealed.length;
  }

  async #flush(): Promise<void> {
    await writeAll(this.file, this.#out.subarray(0, this.#outFilled), this.#position);
    this.#position += this.#outFilled;
    this.#outFilled = 0;
  }

  /** Pushes the last chunk (never empty: the payload always holds at least the manifest). */
  async finish(): Promise<void> {
    await this.#seal(true);
    await this.#flush();
  }
}

async function writeAll(file: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await file.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

/** The items in a random order (stanzas: the header must not tell recipients apart). */
export function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = sodium().randomBelow(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A 32-bit big-endian integer, as the bundle formats write lengths. */
export function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

/**
 * Writes a bundle (docs/bundle-format.md) in constant memory: header, then the payload stream
 * holding the signed manifest and each entry's content. The file is written under a temporary
 * stage (StagedOutput: unnamed on Linux) and named only when complete, so a failure, even a
 * killed process, never leaves a partial bundle.
 * Stanzas are in random order, so a recipient cannot tell who else is addressed.
 */
export async function writeBundle(options: WriteBundleOptions): Promise<{ size: number }> {
  const { out } = options;
  if (!options.force && existsSync(out)) throw new FileExistsError(out);
  const manifest: Manifest = {
    format: 'tvault-bundle',
    version: 1,
    bundleId: options.bundleId,
    createdAt: options.createdAt,
    sender: options.signer.identity,
    redacted: options.redacted,
    history: options.history,
    entries: options.entries,
  };
  const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest));
  if (manifestBytes.length > MAX_MANIFEST_BYTES) {
    throw new RangeError('too many entries for one bundle: split the export');
  }
  const total = options.entries.reduce((sum, e) => sum + e.size, 0);

  const fileKey = asKey(randomBytes(FILE_KEY_BYTES), 'bundle-file');
  const payloadKey = deriveBundleKey(fileKey, SUBKEY_PAYLOAD);
  let stage: StagedOutput | null = null;
  try {
    const { header: streamHeader, pusher } = startPush(payloadKey);
    const header = buildHeader({
      fileKey,
      recipientBoxKeys: shuffled(options.recipients),
      streamHeader,
    });
    const signature = options.signer.sign(signedMessage(header, manifestBytes));
    stage = await StagedOutput.create(out);
    const file = stage.handle;
    await writeAll(file, header, 0);
    const payload = new ChunkedPayload(file, pusher, header.length);
    await payload.write(u32(manifestBytes.length));
    await payload.write(manifestBytes);
    await payload.write(signature);

    let done = 0;
    for (const [index, entry] of options.entries.entries()) {
      const hash = createHash('sha256');
      let size = 0;
      for await (const piece of options.content(entry, index)) {
        if (options.signal?.aborted) throw new CancelledError('The export');
        size += piece.length;
        if (size > entry.size) break;
        hash.update(piece);
        await payload.write(piece);
        done += piece.length;
        options.onProgress?.(done, total);
      }
      if (size !== entry.size || hash.digest('hex') !== entry.sha256) {
        // The vault's copy differs from what the manifest says: it changed during the export,
        // or a stored file does not match its fingerprint. Never send a bundle that lies.
        throw new IntegrityError(`${entry.kind} ${entry.id}`, { reason: 'changed-during-export' });
      }
    }
    await payload.finish();
    await file.sync();
    const { size } = await file.stat();
    const staged = stage;
    stage = null;
    await staged.commit(options.force === true);
    return { size };
  } catch (error) {
    await stage?.discard();
    // Writes through the file handle carry no path: name the bundle (a full disk: exit 7).
    if (isNodeError(error, 'ENOSPC', 'EIO', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EFBIG'))
      throw new FileIoError('Cannot write the bundle', out, error);
    throw error;
  } finally {
    wipe(fileKey, payloadKey);
  }
}
