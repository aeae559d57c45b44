import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openBundle } from '../../src/core/bundles/bundle-reader';
import { exportBundle } from '../../src/core/bundles/export';
import { loadSodium } from '../../src/core/crypto/sodium';
import { libsodium, readyLibsodium } from '../helpers/libsodium';
import { REPO_ROOT } from '../helpers/cli';
import { VaultError } from '../../src/shared/errors';
import { network, shareable, useTestVaults } from './helpers';
import { SpecError, specRead } from './spec-reader';

const ROOT = join(REPO_ROOT, 'docs', 'test-vectors', 'bundle-v1');
const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));
const json = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

interface Keys {
  sender: { identity: string; fingerprint: string; ed25519PublicKey: string };
  recipients: { x25519PublicKey: string; x25519SecretKey: string; stanzaIndex: number }[];
  intermediate: { fileKey: string; macKey: string; payloadKey: string; headerLength: number };
}
interface Expected {
  size: number;
  manifest: Record<string, unknown>;
  entries: { kind: string; id: string; file: string }[];
}

function opener(recipient: Keys['recipients'][number]) {
  return {
    openSealedBoxes(boxes: Uint8Array[]) {
      for (const [index, box] of boxes.entries()) {
        try {
          const content = readyLibsodium().crypto_box_seal_open(
            box,
            hex(recipient.x25519PublicKey),
            hex(recipient.x25519SecretKey),
          );
          return { index, content };
        } catch {
          // next
        }
      }
      return null;
    },
  };
}

async function productRead(path: string, recipient: Keys['recipients'][number]) {
  const bundle = await openBundle(path, opener(recipient));
  const entries: Uint8Array[] = [];
  try {
    for await (const { content } of bundle.entries()) {
      const pieces: Uint8Array[] = [];
      for await (const piece of content) pieces.push(piece);
      entries.push(Uint8Array.from(Buffer.concat(pieces)));
    }
  } finally {
    await bundle.close();
  }
  return { bundle, entries };
}

const validNames = readdirSync(join(ROOT, 'valid'));

describe('bundle test vectors (docs/test-vectors/bundle-v1)', () => {
  it('exist', () => {
    expect(validNames.length).toBeGreaterThanOrEqual(2);
  });

  for (const name of validNames) {
    it(`${name}: decodes for every recipient, with the product and with the spec reader`, async () => {
      await loadSodium();
      await libsodium();
      const dir = join(ROOT, 'valid', name);
      const keys = json<Keys>(join(dir, 'keys.json'));
      const expected = json<Expected>(join(dir, 'expected.json'));
      const file = new Uint8Array(readFileSync(join(dir, 'bundle.tvb')));
      expect(file.length).toBe(expected.size);
      const contents = expected.entries.map((e) => new Uint8Array(readFileSync(join(dir, e.file))));
      for (const recipient of keys.recipients) {
        const { bundle, entries } = await productRead(join(dir, 'bundle.tvb'), recipient);
        expect(bundle.manifest).toEqual(expected.manifest);
        expect(bundle.senderFingerprint).toBe(keys.sender.fingerprint);
        expect(entries.map((e) => Buffer.from(e).toString('hex'))).toEqual(
          contents.map((c) => Buffer.from(c).toString('hex')),
        );

        const spec = await specRead(file, {
          publicKey: hex(recipient.x25519PublicKey),
          secretKey: hex(recipient.x25519SecretKey),
        });
        expect(spec.manifest).toEqual(expected.manifest);
        expect(Buffer.from(spec.fileKey).toString('hex')).toBe(keys.intermediate.fileKey);
        expect(Buffer.from(spec.macKey).toString('hex')).toBe(keys.intermediate.macKey);
        expect(Buffer.from(spec.payloadKey).toString('hex')).toBe(keys.intermediate.payloadKey);
        expect(Buffer.from(spec.senderSigningKey).toString('hex')).toBe(
          keys.sender.ed25519PublicKey,
        );
        expect(spec.entries.map((e) => Buffer.from(e.bytes).toString('hex'))).toEqual(
          contents.map((c) => Buffer.from(c).toString('hex')),
        );
      }
    });
  }

  it('invalid vectors fail with the documented error, in the product and the spec reader', async () => {
    await loadSodium();
    const index = json<{ vectors: { file: string; error: string }[] }>(
      join(ROOT, 'invalid', 'index.json'),
    );
    const [recipient] = json<Keys>(join(ROOT, 'valid', 'one-chunk', 'keys.json')).recipients;
    expect(index.vectors.length).toBeGreaterThanOrEqual(8);
    for (const vector of index.vectors) {
      const path = join(ROOT, 'invalid', vector.file);
      const product = await productRead(path, recipient!).then(
        () => 'no error',
        (e: unknown) => (e instanceof VaultError ? e.code : 'not a VaultError'),
      );
      expect(product, vector.file).toBe(vector.error);
      const spec = await specRead(new Uint8Array(readFileSync(path)), {
        publicKey: hex(recipient!.x25519PublicKey),
        secretKey: hex(recipient!.x25519SecretKey),
      }).then(
        () => 'no error',
        (e: unknown) => (e instanceof SpecError ? e.code : 'not a SpecError'),
      );
      expect(spec, vector.file).toBe(vector.error);
    }
  });
});

describe('the spec reader reads what a vault exports', () => {
  const vaults = useTestVaults();

  it('agrees with the product on a bundle with history and attachments', async () => {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    const rec = a!.vault.addRecord(shareable({ narrator: 'Someone', body: 'Someone said it' }));
    a!.vault.updateRecord(rec.id, { title: 'Edited' });
    await a!.vault.attachments.attachStream(
      rec.id,
      (async function* () {
        yield new Uint8Array(150_000).fill(3);
      })(),
      { name: 'f.bin' },
    );
    const out = join(vaults.temp.make(), 'x.tvb');
    await exportBundle(a!.vault, { to: ['Beta'], all: true, out, withHistory: true });
    // A vault never hands out its secret key: open the stanza through the vault, then read the
    // rest by the spec with the file key.
    const file = new Uint8Array(readFileSync(out));
    const pair = (await libsodium()).crypto_box_keypair();
    await expect(
      specRead(file, { publicKey: pair.publicKey, secretKey: pair.privateKey }),
    ).rejects.toThrow('BUNDLE.NOT_FOR_US');
    const opened = b!.vault.identity.openSealedBoxes([file.subarray(10, 90)]);
    expect(opened).not.toBeNull();
    const spec = await specRead(file, { fileKey: opened!.content });
    expect(spec.manifest.entries.map((e) => e.kind)).toEqual(['record', 'record', 'attachment']);
    const head = JSON.parse(Buffer.from(spec.entries[1]!.bytes).toString('utf8'));
    expect(head).toMatchObject({
      id: rec.id,
      revision: 2,
      title: 'Edited',
      narrator: 'Narrator 1',
    });
    expect(spec.entries[2]!.bytes.length).toBe(150_000);
    // The product reads the same bytes.
    const { entries } = await readWithVault(out, b!.vault);
    expect(entries.map((e) => Buffer.from(e).toString('hex'))).toEqual(
      spec.entries.map((e) => Buffer.from(e.bytes).toString('hex')),
    );
  });
});

async function readWithVault(path: string, vault: import('../../src/core/vault/vault').Vault) {
  const bundle = await openBundle(path, vault.identity);
  const entries: Uint8Array[] = [];
  try {
    for await (const { content } of bundle.entries()) {
      const pieces: Uint8Array[] = [];
      for await (const piece of content) pieces.push(piece);
      entries.push(Uint8Array.from(Buffer.concat(pieces)));
    }
  } finally {
    await bundle.close();
  }
  return { entries };
}
