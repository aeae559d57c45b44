import { createHash } from 'node:crypto';
import sodium from 'libsodium-wrappers-sumo';

/**
 * A second, independent bundle reader written from docs/bundle-format.md alone, the way a
 * partner would in another language: it imports nothing from src/, uses the WebAssembly
 * libsodium (the product uses the native one for the payload) and holds the whole file in
 * memory (fine for test vectors). If the spec and the product disagree, the tests comparing the
 * two fail.
 */
export class SpecError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

export interface SpecEntry {
  entry: Record<string, unknown> & { kind: string; id: string; size: number; sha256: string };
  bytes: Uint8Array;
}

export interface SpecResult {
  fileKey: Uint8Array;
  macKey: Uint8Array;
  payloadKey: Uint8Array;
  manifest: Record<string, unknown> & { sender: string; entries: SpecEntry['entry'][] };
  senderSigningKey: Uint8Array;
  entries: SpecEntry[];
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function identitySigningKey(text: string): Uint8Array {
  const cleaned = text.replace(/[\s-]/g, '').toUpperCase();
  if (!cleaned.startsWith('TVID1')) throw new SpecError('BUNDLE.MALFORMED');
  const body = cleaned.slice(5).replace(/O/g, '0').replace(/[IL]/g, '1');
  if (body.length !== 109) throw new SpecError('BUNDLE.MALFORMED');
  let bits = '';
  for (const ch of body) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) throw new SpecError('BUNDLE.MALFORMED');
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes = new Uint8Array(68);
  for (let i = 0; i < 68; i++) bytes[i] = Number.parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  if (/1/.test(bits.slice(544))) throw new SpecError('BUNDLE.MALFORMED');
  const check = sodium.crypto_generichash(
    4,
    Buffer.concat([Buffer.from('tvault-identity-v1'), bytes.subarray(0, 64)]),
    null,
  );
  if (Buffer.compare(Buffer.from(check), Buffer.from(bytes.subarray(64))) !== 0)
    throw new SpecError('BUNDLE.MALFORMED');
  return bytes.slice(0, 32);
}

function subkey(fileKey: Uint8Array, id: number): Uint8Array {
  const salt = new Uint8Array(16);
  new DataView(salt.buffer).setBigUint64(0, BigInt(id), true);
  const personal = new Uint8Array(16);
  personal.set(Buffer.from('tvbundle'));
  return sodium.crypto_generichash_blake2b_salt_personal(32, fileKey, salt, personal);
}

/**
 * `recipient` is the recipient's X25519 key pair, or, to read a bundle whose stanza was opened
 * elsewhere (a vault never hands out its secret key), the file key itself.
 */
export async function specRead(
  file: Uint8Array,
  recipient: { publicKey: Uint8Array; secretKey: Uint8Array } | { fileKey: Uint8Array },
): Promise<SpecResult> {
  await sodium.ready;
  // Header.
  if (file.length < 10) throw new SpecError('BUNDLE.MALFORMED');
  if (Buffer.from(file.subarray(0, 8)).toString('latin1') !== 'TVBUNDLE')
    throw new SpecError('BUNDLE.MALFORMED');
  if (file[8] !== 1) throw new SpecError('BUNDLE.MALFORMED');
  const n = file[9]!;
  if (n === 0) throw new SpecError('BUNDLE.MALFORMED');
  const headerLength = 10 + 80 * n + 24 + 32;
  if (file.length < headerLength) throw new SpecError('BUNDLE.MALFORMED');
  const header = file.subarray(0, headerLength);
  let fileKey: Uint8Array | null = 'fileKey' in recipient ? recipient.fileKey : null;
  for (let i = 0; i < n && !fileKey && 'secretKey' in recipient; i++) {
    try {
      fileKey = sodium.crypto_box_seal_open(
        header.subarray(10 + 80 * i, 90 + 80 * i),
        recipient.publicKey,
        recipient.secretKey,
      );
    } catch {
      // not ours
    }
  }
  if (!fileKey) throw new SpecError('BUNDLE.NOT_FOR_US');
  const macKey = subkey(fileKey, 1);
  const mac = sodium.crypto_generichash(32, header.subarray(0, headerLength - 32), macKey);
  if (!sodium.memcmp(mac, header.subarray(headerLength - 32)))
    throw new SpecError('BUNDLE.INTEGRITY');
  const payloadKey = subkey(fileKey, 2);
  const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(
    header.subarray(headerLength - 56, headerLength - 32),
    payloadKey,
  );

  // Payload.
  const rest = file.subarray(headerLength);
  const parts: Uint8Array[] = [];
  for (let pos = 0; ;) {
    const c = rest.subarray(pos, pos + 65536 + 17);
    if (c.length === 0) throw new SpecError('BUNDLE.INTEGRITY');
    const r = sodium.crypto_secretstream_xchacha20poly1305_pull(state, c, null) as
      { message: Uint8Array; tag: number } | false;
    if (!r) throw new SpecError('BUNDLE.INTEGRITY');
    pos += c.length;
    if (r.tag === 3) {
      if (pos !== rest.length) throw new SpecError('BUNDLE.INTEGRITY');
      if (r.message.length === 0) throw new SpecError('BUNDLE.MALFORMED');
      parts.push(r.message);
      break;
    }
    if (r.tag !== 0) throw new SpecError('BUNDLE.MALFORMED');
    if (c.length !== 65536 + 17 || pos === rest.length) throw new SpecError('BUNDLE.INTEGRITY');
    parts.push(r.message);
  }
  const plain = Buffer.concat(parts);

  // Manifest and signature.
  if (plain.length < 4) throw new SpecError('BUNDLE.MALFORMED');
  const length = plain.readUInt32BE(0);
  if (length < 2 || length > 16 * 1024 * 1024 || plain.length < 4 + length + 64)
    throw new SpecError('BUNDLE.MALFORMED');
  const manifestBytes = plain.subarray(4, 4 + length);
  const signature = plain.subarray(4 + length, 4 + length + 64);
  let manifest: SpecResult['manifest'];
  try {
    manifest = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifestBytes));
  } catch {
    throw new SpecError('BUNDLE.MALFORMED');
  }
  const signingKey = identitySigningKey(String(manifest.sender));
  const headerLen = Buffer.alloc(4);
  headerLen.writeUInt32BE(headerLength);
  const message = Buffer.concat([
    Buffer.from('tvault-bundle-v1 manifest signature\0'),
    headerLen,
    header,
    manifestBytes,
  ]);
  if (!sodium.crypto_sign_verify_detached(signature, message, signingKey))
    throw new SpecError('BUNDLE.BAD_SIGNATURE');

  // Entries, each checked against its SHA-256; nothing may follow the last.
  const entries: SpecEntry[] = [];
  let offset = 4 + length + 64;
  for (const entry of manifest.entries) {
    const bytes = plain.subarray(offset, offset + entry.size);
    if (bytes.length !== entry.size) throw new SpecError('BUNDLE.MALFORMED');
    if (createHash('sha256').update(bytes).digest('hex') !== entry.sha256)
      throw new SpecError('BUNDLE.INTEGRITY');
    entries.push({ entry, bytes: Uint8Array.from(bytes) });
    offset += entry.size;
  }
  if (offset !== plain.length) throw new SpecError('BUNDLE.MALFORMED');
  return { fileKey, macKey, payloadKey, manifest, senderSigningKey: signingKey, entries };
}
