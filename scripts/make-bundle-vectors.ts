// Generates docs/test-vectors/bundle-v1: small bundles with their keys and decoded content, and
// invalid variants with the error a reader must give, so that a partner writing an independent
// reader (docs/bundle-format.md) can check it byte for byte.
//
//   node --import tsx scripts/make-bundle-vectors.ts
//
// Keys come from fixed seeds (reproducible); each bundle's file key, ephemeral keys and stream
// header are random, so regenerating gives new bundle bytes. tests/bundles/test-vectors.test.ts
// decodes whatever is committed.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeBundle } from '../src/core/bundles/bundle-writer';
import {
  MAC_BYTES,
  SUBKEY_MAC,
  SUBKEY_PAYLOAD,
  deriveBundleKey,
  headerLength,
} from '../src/core/bundles/format';
import type { ManifestEntry } from '../src/core/bundles/manifest';
import libsodium from 'libsodium-wrappers-sumo';
import { asKey } from '../src/core/crypto/keys';
import { loadSodium } from '../src/core/crypto/sodium';
import { fingerprintOf, formatIdentity } from '../src/core/identity/public-identity';

const ROOT = join(import.meta.dirname, '..', 'docs', 'test-vectors', 'bundle-v1');
await loadSodium();
await libsodium.ready;
// libsodium itself, for the seeded key pairs and the stanza opening the port does not offer.
const s = libsodium;
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const seed = (label: string) => createHash('sha256').update(`tvault test vector ${label}`).digest();

function party(label: string) {
  const sign = s.crypto_sign_seed_keypair(seed(`${label} ed25519`));
  const box = s.crypto_box_seed_keypair(seed(`${label} x25519`));
  const identity = formatIdentity({ signingKey: sign.publicKey, boxKey: box.publicKey });
  return {
    label,
    sign,
    box,
    identity,
    fingerprint: fingerprintOf({ signingKey: sign.publicKey, boxKey: box.publicKey }),
  };
}

const sender = party('sender (Red Collective)');
const recipientA = party('recipient A');
const recipientB = party('recipient B');
const stranger = party('stranger');

function record(id: string, revision: number, updatedAt: string, body: string) {
  return new TextEncoder().encode(
    JSON.stringify({
      id,
      title: 'Testimony / شهادة / Testimonio',
      body,
      lang: 'ar',
      narrator: 'Narrator 1',
      date: '2024-11',
      place: '[redacted]',
      tags: ['online-abuse', 'عنف'],
      consent: { status: 'given', scope: 'share-with-partners', date: '2024-12-01', note: '' },
      warning: 'Describes threats of violence.',
      notes: '',
      identifying: [],
      createdAt: '2024-12-01T10:00:00.000Z',
      updatedAt,
      revision,
      provenance: null,
    }),
  );
}

interface Content {
  entry: ManifestEntry;
  bytes: Uint8Array;
}

function recordEntry(id: string, revision: number, bytes: Uint8Array): Content {
  return {
    entry: { kind: 'record', id, revision, size: bytes.length, sha256: sha256(bytes) },
    bytes,
  };
}

function attachmentEntry(
  id: string,
  recordId: string,
  name: string,
  mime: string,
  bytes: Uint8Array,
): Content {
  return {
    entry: {
      kind: 'attachment',
      id,
      recordId,
      size: bytes.length,
      sha256: sha256(bytes),
      name,
      mime,
      modifiedAt: '2024-11-20T18:30:00.000Z',
      addedAt: '2024-12-01T10:05:00.000Z',
      description: 'Screenshot transcript',
    },
    bytes,
  };
}

async function vector(
  name: string,
  recipients: ReturnType<typeof party>[],
  contents: Content[],
  history: boolean,
  signWith = sender,
  dir = join(ROOT, 'valid', name),
): Promise<string> {
  mkdirSync(join(dir, 'entries'), { recursive: true });
  const out = join(dir, 'bundle.tvb');
  await writeBundle({
    out,
    force: true,
    recipients: recipients.map((r) => r.box.publicKey),
    signer: {
      identity: sender.identity,
      sign: (m) => s.crypto_sign_detached(m, signWith.sign.privateKey),
    },
    bundleId: createHash('sha256').update(name).digest('hex').slice(0, 32),
    createdAt: '2025-01-15T12:00:00.000Z',
    redacted: true,
    history,
    entries: contents.map((c) => c.entry),
    content: async function* (_entry, index) {
      yield contents[index]!.bytes;
    },
  });
  return out;
}

function describeVector(
  name: string,
  recipients: ReturnType<typeof party>[],
  contents: Content[],
  history: boolean,
) {
  const dir = join(ROOT, 'valid', name);
  const bundle = new Uint8Array(readFileSync(join(dir, 'bundle.tvb')));
  const n = recipients.length;
  const header = bundle.subarray(0, headerLength(n));
  // Which stanza is whose (the writer shuffles them), and the file key, for debugging readers.
  let fileKey: Uint8Array | null = null;
  const stanzaOf: Record<string, number> = {};
  for (const r of recipients) {
    for (let i = 0; i < n; i++) {
      try {
        fileKey = s.crypto_box_seal_open(
          bundle.subarray(10 + 80 * i, 90 + 80 * i),
          r.box.publicKey,
          r.box.privateKey,
        );
        stanzaOf[r.label] = i;
      } catch {
        // not this one
      }
    }
  }
  const files = contents.map((c, i) => {
    const ext = c.entry.kind === 'record' ? 'json' : 'bin';
    const file = `entries/${String(i).padStart(2, '0')}-${c.entry.kind}-${c.entry.id}.${ext}`;
    writeFileSync(join(dir, file), c.bytes);
    return file;
  });
  const keys = {
    note: 'TEST KEYS ONLY. Never use them for anything else.',
    sender: {
      identity: sender.identity,
      fingerprint: sender.fingerprint,
      ed25519PublicKey: hex(sender.sign.publicKey),
      x25519PublicKey: hex(sender.box.publicKey),
    },
    recipients: recipients.map((r) => ({
      label: r.label,
      identity: r.identity,
      x25519PublicKey: hex(r.box.publicKey),
      x25519SecretKey: hex(r.box.privateKey),
      stanzaIndex: stanzaOf[r.label],
    })),
    intermediate: {
      headerLength: header.length,
      fileKey: hex(fileKey!),
      macKey: hex(deriveBundleKey(asKey(fileKey!, 'bundle-file'), SUBKEY_MAC)),
      payloadKey: hex(deriveBundleKey(asKey(fileKey!, 'bundle-file'), SUBKEY_PAYLOAD)),
      streamHeader: hex(header.subarray(header.length - MAC_BYTES - 24, header.length - MAC_BYTES)),
      headerMac: hex(header.subarray(header.length - MAC_BYTES)),
    },
  };
  const expected = {
    size: bundle.length,
    manifest: {
      format: 'tvault-bundle',
      version: 1,
      bundleId: createHash('sha256').update(name).digest('hex').slice(0, 32),
      createdAt: '2025-01-15T12:00:00.000Z',
      sender: sender.identity,
      redacted: true,
      history,
      entries: contents.map((c) => c.entry),
    },
    entries: contents.map((c, i) => ({ kind: c.entry.kind, id: c.entry.id, file: files[i] })),
  };
  writeFileSync(join(dir, 'keys.json'), `${JSON.stringify(keys, null, 2)}\n`);
  writeFileSync(join(dir, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  return bundle;
}

rmSync(ROOT, { recursive: true, force: true });

// 1. One chunk: a record and a small text file, for one recipient.
const R1 = '0123456789abcdef0123456789abcdef';
const one: Content[] = [
  recordEntry(
    R1,
    3,
    record(
      R1,
      3,
      '2024-12-03T09:00:00.000Z',
      'Narrator 1 received threats after the march in [redacted].\nوصلتها تهديدات بعد المسيرة.',
    ),
  ),
  attachmentEntry(
    'fedcba9876543210fedcba9876543210',
    R1,
    'transcript.txt',
    'text/plain',
    new TextEncoder().encode('Message 1: "we know where you live"\nMessage 2: "stop or else"\n'),
  ),
];
await vector('one-chunk', [recipientA], one, false);
const oneBytes = describeVector('one-chunk', [recipientA], one, false);

// 2. Several chunks, history, two recipients: an attachment of 70,000 bytes crosses the first
// chunk boundary.
const R2 = 'aaaaaaaaaaaaaaaabbbbbbbbbbbbbbbb';
const big = new Uint8Array(70_000).map((_, i) => (i * 31 + 7) % 256);
const two: Content[] = [
  recordEntry(R2, 1, record(R2, 1, '2024-12-01T10:00:00.000Z', 'First version.')),
  recordEntry(R2, 2, record(R2, 2, '2024-12-02T10:00:00.000Z', 'Second version, corrected.')),
  attachmentEntry(
    'cccccccccccccccccccccccccccccccc',
    R2,
    'recording.bin',
    'application/octet-stream',
    big,
  ),
  attachmentEntry(
    'dddddddddddddddddddddddddddddddd',
    R2,
    'empty.txt',
    'text/plain',
    new Uint8Array(0),
  ),
];
await vector('two-chunks-two-recipients', [recipientA, recipientB], two, true);
describeVector('two-chunks-two-recipients', [recipientA, recipientB], two, true);

// 3. Invalid variants, each with the error a reader must report. Recipient A's key opens them.
const invalidDir = join(ROOT, 'invalid');
mkdirSync(invalidDir, { recursive: true });
const invalid: { file: string; error: string; why: string }[] = [];
const save = (file: string, bytes: Uint8Array, error: string, why: string) => {
  writeFileSync(join(invalidDir, file), bytes);
  invalid.push({ file, error, why });
};
const hl = headerLength(1);
const flip = (offset: number) => {
  const copy = Uint8Array.from(oneBytes);
  copy[offset]! ^= 0x01;
  return copy;
};
save('bad-magic.tvb', flip(0), 'BUNDLE.MALFORMED', 'the first byte of the magic is changed');
save(
  'version-2.tvb',
  Uint8Array.from([...oneBytes.subarray(0, 8), 2, ...oneBytes.subarray(9)]),
  'BUNDLE.MALFORMED',
  'format version 2 is not supported',
);
save('stanza-flipped.tvb', flip(10 + 40), 'BUNDLE.NOT_FOR_US', 'the only stanza no longer opens');
save(
  'stream-header-flipped.tvb',
  flip(hl - MAC_BYTES - 1),
  'BUNDLE.INTEGRITY',
  'the header MAC does not match',
);
save('mac-flipped.tvb', flip(hl - 1), 'BUNDLE.INTEGRITY', 'the header MAC does not match');
save(
  'payload-flipped.tvb',
  flip(hl + 30),
  'BUNDLE.INTEGRITY',
  'the first chunk does not authenticate',
);
save(
  'truncated.tvb',
  oneBytes.subarray(0, oneBytes.length - 10),
  'BUNDLE.INTEGRITY',
  'the final chunk is cut',
);
save('header-only.tvb', oneBytes.subarray(0, hl), 'BUNDLE.INTEGRITY', 'no payload at all');
save(
  'appended.tvb',
  Uint8Array.from([...oneBytes, 0]),
  'BUNDLE.INTEGRITY',
  'a byte follows the final chunk',
);
const strangerDir = join(ROOT, 'tmp-stranger');
const strangerFile = await vector('x', [stranger], one, false, sender, strangerDir);
save(
  'not-for-a.tvb',
  new Uint8Array(readFileSync(strangerFile)),
  'BUNDLE.NOT_FOR_US',
  'sealed to another key only',
);
const forgedFile = await vector('y', [recipientA], one, false, stranger, strangerDir);
save(
  'bad-signature.tvb',
  new Uint8Array(readFileSync(forgedFile)),
  'BUNDLE.BAD_SIGNATURE',
  'signed by another key than the sender identity in the manifest',
);
rmSync(strangerDir, { recursive: true, force: true });
writeFileSync(
  join(invalidDir, 'index.json'),
  `${JSON.stringify({ keys: '../valid/one-chunk/keys.json (recipient A)', vectors: invalid }, null, 2)}\n`,
);
console.log(`wrote ${ROOT}`);
