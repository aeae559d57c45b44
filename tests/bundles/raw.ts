import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import type { StanzaOpener } from '../../src/core/bundles/bundle-reader';
import {
  CHUNK_BYTES,
  SUBKEY_PAYLOAD,
  buildHeader,
  deriveBundleKey,
  signedMessage,
} from '../../src/core/bundles/format';
import type { ManifestEntry } from '../../src/core/bundles/manifest';
import { asKey } from '../../src/core/crypto/keys';
import { libsodium, readyLibsodium } from '../helpers/libsodium';
import { formatIdentity } from '../../src/core/identity/public-identity';

/**
 * Key pairs outside any vault, and a hand-made bundle writer that can break every rule of the
 * format on purpose (tag, chunk sizes, manifest), to test that the reader refuses each.
 */
export interface RawParty {
  identity: string;
  boxKey: Uint8Array;
  signSecret: Uint8Array;
  boxSecret: Uint8Array;
  opener: StanzaOpener;
  sign(message: Uint8Array): Uint8Array;
}

export async function rawParty(): Promise<RawParty> {
  const s = await libsodium();
  const sign = s.crypto_sign_keypair();
  const box = s.crypto_box_keypair();
  return {
    identity: formatIdentity({ signingKey: sign.publicKey, boxKey: box.publicKey }),
    boxKey: box.publicKey,
    signSecret: sign.privateKey,
    boxSecret: box.privateKey,
    sign: (message) => s.crypto_sign_detached(message, sign.privateKey),
    opener: {
      openSealedBoxes(boxes) {
        for (const [index, b] of boxes.entries()) {
          try {
            return { index, content: s.crypto_box_seal_open(b, box.publicKey, box.privateKey) };
          } catch {
            // next
          }
        }
        return null;
      },
    },
  };
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

export function u32(value: number): Uint8Array {
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, value);
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(Buffer.concat(parts));
}

export interface CraftOptions {
  sender: RawParty;
  recipients: RawParty[];
  /** The manifest object; `sender` is filled in unless given. */
  manifest: Record<string, unknown> & { entries: ManifestEntry[] | unknown[] };
  contents: Uint8Array[];
  /** Bytes appended to the plaintext after the contents. */
  extraPlaintext?: Uint8Array;
  /** Overrides the manifest bytes (to send bytes that are not JSON). */
  manifestBytes?: Uint8Array;
  /** Splits the plaintext into messages and tags; default: the format's rules. */
  split?: (plaintext: Uint8Array) => { plain: Uint8Array; tag: number }[];
  /** Signs with this party instead of the sender. */
  signer?: RawParty;
}

export function formatSplit(plaintext: Uint8Array): { plain: Uint8Array; tag: number }[] {
  const out: { plain: Uint8Array; tag: number }[] = [];
  for (let offset = 0; offset < plaintext.length; offset += CHUNK_BYTES) {
    const last = offset + CHUNK_BYTES >= plaintext.length;
    out.push({ plain: plaintext.subarray(offset, offset + CHUNK_BYTES), tag: last ? 3 : 0 });
  }
  return out;
}

/** Writes a bundle by hand (docs/bundle-format.md, step by step). */
export function craft(options: CraftOptions): Uint8Array {
  const s = readyLibsodium();
  const fileKey = asKey(s.randombytes_buf(32), 'bundle-file');
  const payloadKey = deriveBundleKey(fileKey, SUBKEY_PAYLOAD);
  const { state, header: streamHeader } =
    s.crypto_secretstream_xchacha20poly1305_init_push(payloadKey);
  const header = buildHeader({
    fileKey,
    recipientBoxKeys: options.recipients.map((r) => r.boxKey),
    streamHeader,
  });
  const manifestBytes =
    options.manifestBytes ??
    new TextEncoder().encode(
      JSON.stringify({ sender: options.sender.identity, ...options.manifest }),
    );
  const signature = (options.signer ?? options.sender).sign(signedMessage(header, manifestBytes));
  const plaintext = concat(
    u32(manifestBytes.length),
    manifestBytes,
    signature,
    ...options.contents,
    options.extraPlaintext ?? new Uint8Array(0),
  );
  const parts = (options.split ?? formatSplit)(plaintext).map(({ plain, tag }) =>
    s.crypto_secretstream_xchacha20poly1305_push(state, plain, null, tag),
  );
  return concat(header, ...parts);
}

export function manifestFor(entries: unknown[], extra: Record<string, unknown> = {}) {
  return {
    format: 'tvault-bundle',
    version: 1,
    bundleId: 'cd'.repeat(16),
    createdAt: '2025-03-08T10:00:00.000Z',
    redacted: true,
    history: false,
    entries,
    ...extra,
  };
}

/** A record entry's content and manifest entry. */
export function recordContent(id: string, revision = 1, patch: Record<string, unknown> = {}) {
  const bytes = new TextEncoder().encode(
    JSON.stringify({
      id,
      title: 'A testimony',
      body: 'Text',
      lang: 'en',
      narrator: 'Narrator 1',
      date: null,
      place: '',
      tags: [],
      consent: { status: 'given', scope: 'share-with-partners', date: null, note: '' },
      warning: '',
      notes: '',
      identifying: [],
      createdAt: '2025-03-01T09:00:00.000Z',
      updatedAt: `2025-03-0${revision}T09:00:00.000Z`,
      revision,
      provenance: null,
      ...patch,
    }),
  );
  return {
    bytes,
    entry: {
      kind: 'record',
      id,
      revision,
      size: bytes.length,
      sha256: sha256(bytes),
    } as ManifestEntry,
  };
}

export function save(dir: string, name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
