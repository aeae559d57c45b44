import {
  type BundleFileKey,
  type BundleMacKey,
  type BundlePayloadKey,
  asKey,
} from '../crypto/keys';
import { SECRETSTREAM_ABYTES, SECRETSTREAM_HEADER_BYTES } from '../crypto/secretstream';
import { sodium } from '../crypto/sodium';
import { BundleMalformedError } from './errors';

/**
 * The byte layout of a bundle, version 1. docs/bundle-format.md is the specification; this file
 * is its direct transcription (keep them in step).
 *
 *   header  = magic "TVBUNDLE" (8) || version 0x01 (1) || n (1, 1..255)
 *             || n stanzas of 80 bytes: crypto_box_seal(file_key, recipient X25519 key)
 *             || secretstream header (24) || mac (32)
 *   mac     = BLAKE2b-256 keyed with mac_key over every header byte before it
 *   payload = crypto_secretstream_xchacha20poly1305 under payload_key, messages of exactly
 *             CHUNK_BYTES plaintext except the last (1..CHUNK_BYTES, TAG_FINAL)
 *   mac_key = crypto_kdf_derive_from_key(32, 1, "tvbundle", file_key)
 *   payload_key = crypto_kdf_derive_from_key(32, 2, "tvbundle", file_key)
 */
export const MAGIC = new Uint8Array([0x54, 0x56, 0x42, 0x55, 0x4e, 0x44, 0x4c, 0x45]); // TVBUNDLE
export const FORMAT_VERSION = 1;
export const FILE_KEY_BYTES = 32;
export const STANZA_BYTES = FILE_KEY_BYTES + 48; // crypto_box_SEALBYTES = 32 + 16
export const MAC_BYTES = 32;
export const MAX_RECIPIENTS = 255;
export const PREFIX_BYTES = MAGIC.length + 2;
export const CHUNK_BYTES = 64 * 1024;
export const SEALED_CHUNK_BYTES = CHUNK_BYTES + SECRETSTREAM_ABYTES;
export const SIGNATURE_BYTES = 64;
export const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;
export const KDF_CONTEXT = 'tvbundle';
export const SUBKEY_MAC = 1;
export const SUBKEY_PAYLOAD = 2;

interface BundleSubkeys {
  [SUBKEY_MAC]: BundleMacKey;
  [SUBKEY_PAYLOAD]: BundlePayloadKey;
}

const encoder = new TextEncoder();
/** Domain separation for the signature: nothing else this vault signs starts with it. */
export const SIGNATURE_CONTEXT = encoder.encode('tvault-bundle-v1 manifest signature\0');

export function headerLength(recipients: number): number {
  return PREFIX_BYTES + recipients * STANZA_BYTES + SECRETSTREAM_HEADER_BYTES + MAC_BYTES;
}

export function deriveBundleKey<S extends keyof BundleSubkeys>(
  fileKey: BundleFileKey,
  subkey: S,
): BundleSubkeys[S] {
  const key = sodium().deriveKey({
    length: 32,
    key: fileKey,
    subkeyId: subkey,
    context: KDF_CONTEXT,
  });
  return asKey(key, subkey === SUBKEY_MAC ? 'bundle-mac' : 'bundle-payload') as BundleSubkeys[S];
}

function headerMac(fileKey: BundleFileKey, macInput: Uint8Array): Uint8Array {
  const macKey = deriveBundleKey(fileKey, SUBKEY_MAC);
  try {
    return sodium().blake2b({ length: MAC_BYTES, message: macInput, key: macKey });
  } finally {
    sodium().memzero(macKey);
  }
}

/** Builds the header: the file key sealed to each recipient, in the order given. */
export function buildHeader(args: {
  fileKey: BundleFileKey;
  recipientBoxKeys: Uint8Array[];
  streamHeader: Uint8Array;
  /** Another file type built the same way (a team change set, docs/team.md) has its own. */
  magic?: Uint8Array;
}): Uint8Array {
  const { fileKey, recipientBoxKeys, streamHeader, magic = MAGIC } = args;
  const n = recipientBoxKeys.length;
  if (n < 1 || n > MAX_RECIPIENTS) throw new RangeError('a bundle has 1 to 255 recipients');
  const header = new Uint8Array(headerLength(n));
  header.set(magic, 0);
  header[magic.length] = FORMAT_VERSION;
  header[magic.length + 1] = n;
  recipientBoxKeys.forEach((boxKey, i) => {
    header.set(
      sodium().boxSeal({ message: fileKey, publicKey: boxKey }),
      PREFIX_BYTES + i * STANZA_BYTES,
    );
  });
  const streamOffset = PREFIX_BYTES + n * STANZA_BYTES;
  header.set(streamHeader, streamOffset);
  const macOffset = streamOffset + SECRETSTREAM_HEADER_BYTES;
  header.set(headerMac(fileKey, header.subarray(0, macOffset)), macOffset);
  return header;
}

/** Reads the fixed prefix; returns the number of stanzas (hence the header length). */
export function parsePrefix(prefix: Uint8Array, magic: Uint8Array = MAGIC): number {
  if (prefix.length < PREFIX_BYTES) throw new BundleMalformedError('the file is too short');
  for (let i = 0; i < magic.length; i++) {
    if (prefix[i] !== magic[i]) {
      throw new BundleMalformedError(`it does not start with ${new TextDecoder().decode(magic)}`);
    }
  }
  const version = prefix[magic.length]!;
  if (version !== FORMAT_VERSION) {
    throw new BundleMalformedError(`format version ${version} is not supported (only 1)`, {
      version,
    });
  }
  const n = prefix[magic.length + 1]!;
  if (n < 1) throw new BundleMalformedError('it has no recipients');
  return n;
}

export interface ParsedHeader {
  bytes: Uint8Array;
  stanzas: Uint8Array[];
  streamHeader: Uint8Array;
}

export function splitHeader(bytes: Uint8Array, magic: Uint8Array = MAGIC): ParsedHeader {
  const n = parsePrefix(bytes, magic);
  if (bytes.length !== headerLength(n)) throw new BundleMalformedError('the header is cut short');
  const stanzas: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const start = PREFIX_BYTES + i * STANZA_BYTES;
    stanzas.push(bytes.subarray(start, start + STANZA_BYTES));
  }
  const streamOffset = PREFIX_BYTES + n * STANZA_BYTES;
  return {
    bytes,
    stanzas,
    streamHeader: bytes.subarray(streamOffset, streamOffset + SECRETSTREAM_HEADER_BYTES),
  };
}

/** Constant-time check of the header MAC under the opened file key. */
export function headerMacValid(header: ParsedHeader, fileKey: BundleFileKey): boolean {
  const macOffset = header.bytes.length - MAC_BYTES;
  const expected = headerMac(fileKey, header.bytes.subarray(0, macOffset));
  return sodium().equal(expected, header.bytes.subarray(macOffset));
}

/**
 * What the sender signs: the context string, the whole header (length-prefixed, so stanzas
 * cannot be swapped or recipients added or removed without breaking the signature), then the
 * manifest bytes exactly as they travel.
 */
export function signedMessage(
  header: Uint8Array,
  manifest: Uint8Array,
  context: Uint8Array = SIGNATURE_CONTEXT,
): Uint8Array {
  const frame = signedMessageFrame(header, manifest.length, context);
  frame.manifest.set(manifest);
  return frame.message;
}

/**
 * The signed message with the header in place and room for the manifest at its end, so that a
 * reader can read the manifest straight into it: copying up to 16 MiB (into fresh pages) was
 * the largest stretch a large manifest held the reader's main thread.
 */
export function signedMessageFrame(
  header: Uint8Array,
  manifestLength: number,
  context: Uint8Array = SIGNATURE_CONTEXT,
): { message: Uint8Array; manifest: Uint8Array } {
  const start = context.length + 4 + header.length;
  const message = new Uint8Array(start + manifestLength);
  message.set(context, 0);
  new DataView(message.buffer).setUint32(context.length, header.length);
  message.set(header, context.length + 4);
  return { message, manifest: message.subarray(start) };
}
