import { createHash } from 'node:crypto';
import type { StanzaOpener } from '../bundles/bundle-reader';
import {
  BundleBadSignatureError,
  BundleIntegrityError,
  BundleMalformedError,
  BundleNotForUsError,
} from '../bundles/errors';
import {
  FILE_KEY_BYTES,
  PREFIX_BYTES,
  SEALED_CHUNK_BYTES,
  SIGNATURE_BYTES,
  SUBKEY_PAYLOAD,
  deriveBundleKey,
  headerLength,
  headerMacValid,
  parsePrefix,
  signedMessage,
  splitHeader,
} from '../bundles/format';
import { withinJsonDepth } from '../bundles/json-depth';
import { senderOf } from '../bundles/manifest';
import { asKey } from '../crypto/keys';
import { type Puller, TAG_FINAL, TAG_MESSAGE, startPull } from '../crypto/secretstream';
import { sodium, wipe } from '../crypto/sodium';
import { fingerprintOf, formatIdentity } from '../identity/public-identity';
import {
  CHANGESET_MAGIC,
  CHANGESET_SIGNATURE_CONTEXT,
  type ChangeSetManifest,
  type Changes,
  changeSetManifestSchema,
  changesSchema,
  versionFor,
} from './changeset-format';
import { canonicalIdentity } from './membership';

export interface DecodedChangeSet {
  manifest: ChangeSetManifest;
  changes: Changes;
  /** The author's identity, canonical spelling, and fingerprint. */
  author: string;
  authorFingerprint: string;
}

/** The payload stream's plaintext, with the chunk rules of docs/bundle-format.md. */
function pullAll(bytes: Uint8Array, start: number, puller: Puller): Uint8Array {
  const pieces: Uint8Array[] = [];
  let offset = start;
  for (let index = 0; ; index++) {
    if (offset >= bytes.length) throw new BundleIntegrityError('it is cut short', { chunk: index });
    const chunkStart = offset;
    const end = Math.min(offset + SEALED_CHUNK_BYTES, bytes.length);
    const opened = puller.pull(bytes.subarray(offset, end));
    if (!opened) throw new BundleIntegrityError('a chunk does not authenticate', { chunk: index });
    pieces.push(opened.plain);
    offset = end;
    if (opened.tag === TAG_FINAL) {
      if (offset !== bytes.length)
        throw new BundleIntegrityError('data follows the final chunk', { chunk: index });
      if (opened.plain.length === 0) throw new BundleMalformedError('the final chunk is empty');
      return Buffer.concat(pieces);
    }
    if (opened.tag !== TAG_MESSAGE)
      throw new BundleMalformedError('a chunk has an unexpected tag', { chunk: index });
    if (end - chunkStart < SEALED_CHUNK_BYTES || end === bytes.length)
      throw new BundleIntegrityError('it is cut short', { chunk: index });
  }
}

function parseJson(bytes: Uint8Array, what: string): unknown {
  if (!withinJsonDepth(bytes)) throw new BundleMalformedError(`the ${what} nests too deeply`);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new BundleMalformedError(`the ${what} is not valid UTF-8 JSON`);
  }
}

/**
 * Opens and checks a whole change set held in memory (docs/team.md, "Reading a change set",
 * step 2): header, stanza, MAC, every chunk, the author's signature over header and manifest,
 * the manifest, the changes' SHA-256 and the zero padding. Throws the bundle errors
 * (BUNDLE.NOT_FOR_US when no stanza is ours). Says nothing yet about membership.
 */
export function decodeChangeSet(bytes: Uint8Array, opener: StanzaOpener): DecodedChangeSet {
  if (bytes.length < PREFIX_BYTES) throw new BundleMalformedError('the file is too short');
  const length = headerLength(parsePrefix(bytes.subarray(0, PREFIX_BYTES), CHANGESET_MAGIC));
  if (bytes.length < length) throw new BundleMalformedError('the header is cut short');
  const header = splitHeader(bytes.subarray(0, length), CHANGESET_MAGIC);
  const opened = opener.openSealedBoxes(header.stanzas);
  if (!opened) throw new BundleNotForUsError();
  const fileKey = asKey(opened.content, 'bundle-file');
  let payloadKey = null;
  let plain: Uint8Array;
  try {
    if (fileKey.length !== FILE_KEY_BYTES)
      throw new BundleMalformedError('the file key has the wrong size');
    if (!headerMacValid(header, fileKey))
      throw new BundleIntegrityError('the header does not authenticate');
    payloadKey = deriveBundleKey(fileKey, SUBKEY_PAYLOAD);
    const puller = startPull({ header: header.streamHeader, key: payloadKey });
    if (!puller) throw new BundleIntegrityError('the payload header is not valid');
    plain = pullAll(bytes, length, puller);
  } finally {
    wipe(fileKey, payloadKey);
  }
  if (plain.length < 4) throw new BundleMalformedError('the payload is too short');
  const manifestLength = new DataView(plain.buffer, plain.byteOffset).getUint32(0);
  if (manifestLength < 2 || 4 + manifestLength + SIGNATURE_BYTES > plain.length)
    throw new BundleMalformedError('the manifest length is out of range');
  const manifestBytes = plain.subarray(4, 4 + manifestLength);
  const signature = plain.subarray(4 + manifestLength, 4 + manifestLength + SIGNATURE_BYTES);
  const senderString = senderOf(manifestBytes);
  const sender = canonicalIdentity(senderString);
  if (!sender) throw new BundleMalformedError('the sender identity is not valid');
  const valid = sodium().verifyDetached({
    signature,
    message: signedMessage(header.bytes, manifestBytes, CHANGESET_SIGNATURE_CONTEXT),
    publicKey: sender.signingKey,
  });
  if (!valid) throw new BundleBadSignatureError();
  const parsed = changeSetManifestSchema.safeParse(parseJson(manifestBytes, 'manifest'));
  if (!parsed.success) throw new BundleMalformedError('the manifest does not follow the format');
  const manifest = parsed.data;
  if (manifest.sender !== senderString)
    throw new BundleMalformedError('the manifest names two senders');
  const contentStart = 4 + manifestLength + SIGNATURE_BYTES;
  if (plain.length !== contentStart + manifest.size + manifest.padding)
    throw new BundleMalformedError('the payload does not have the length its manifest says');
  const content = plain.subarray(contentStart, contentStart + manifest.size);
  if (createHash('sha256').update(content).digest('hex') !== manifest.sha256)
    throw new BundleIntegrityError('the changes do not match their SHA-256');
  if (plain.subarray(contentStart + manifest.size).some((byte) => byte !== 0))
    throw new BundleMalformedError('the padding is not zeros');
  const changes = changesSchema.safeParse(parseJson(content, 'changes'));
  if (!changes.success) throw new BundleMalformedError('the changes do not follow the format');
  if (versionFor(changes.data) !== manifest.version)
    throw new BundleMalformedError('the changes do not follow the format of their version');
  return {
    manifest,
    changes: changes.data,
    author: formatIdentity(sender),
    authorFingerprint: fingerprintOf(sender),
  };
}
