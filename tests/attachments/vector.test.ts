import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunkAssociatedData } from '../../src/core/attachments/blob-format';
import { writeBlob } from '../../src/core/attachments/blob-writer';
import { loadSodium, sodiumBackends } from '../../src/core/crypto/sodium';
import { asKey } from '../../src/core/crypto/keys';
import { useTempDirs } from '../helpers/temp-dirs';

const temp = useTempDirs();

/** The test vector printed in docs/attachments.md ("Test vector"): keep both in step. */
const VECTOR = {
  fileKey: Uint8Array.from({ length: 32 }, (_, i) => i),
  id: '00112233445566778899aabbccddeeff',
  plaintext: 'tvault',
  ad:
    '00000017747661756c742d6174746163686d656e742d6368756e6b000000013100000020303031313232333334' +
    '343535363637373838393961616262636364646565666600000020353435363432346334663432303130313030' +
    '3031303030303030303030303030',
  blob: '5456424c4f42010100010000000000001d2a1dac5d7e3d2cc7c9e3a0a3f6b57360af05ce693b',
  sha256: '95d70f2aaf6fd7f363c3ac8e307899ec4ca0a3942b43ffe5372093c76620e19f',
};

describe('blob test vector (docs/attachments.md)', () => {
  it('the chunk associated data', () => {
    expect(Buffer.from(chunkAssociatedData(VECTOR.id)).toString('hex')).toBe(VECTOR.ad);
  });

  for (const backend of ['sodium-native', 'libsodium-wrappers-sumo'] as const) {
    it(`the blob file, byte for byte (${backend})`, async () => {
      await loadSodium();
      const dir = temp.make();
      const written = await writeBlob({
        blobsDir: dir,
        id: VECTOR.id,
        fileKey: asKey(VECTOR.fileKey, 'file'),
        source: (async function* () {
          yield new TextEncoder().encode(VECTOR.plaintext);
        })(),
        sodium: (await sodiumBackends()).find((port) => port.backend === backend)!,
      });
      expect(written.sha256).toBe(VECTOR.sha256);
      expect(readFileSync(written.path).toString('hex')).toBe(VECTOR.blob);
    });
  }
});
