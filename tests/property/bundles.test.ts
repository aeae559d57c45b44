import fc from 'fast-check';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../../src/core/bundles/export';
import { PREFIX_BYTES, splitHeader } from '../../src/core/bundles/format';
import { parseManifest, senderOf } from '../../src/core/bundles/manifest';
import { receiveBundle } from '../../src/core/bundles/receive';
import { loadSodium } from '../../src/core/crypto/sodium';
import { VaultError } from '../../src/shared/errors';
import {
  network,
  readBytes,
  shareable,
  snapshot,
  useTestVaults,
  writeVariant,
} from '../bundles/helpers';
import { manifestFor, recordContent } from '../bundles/raw';
import { memberReplaced, mutationOf } from './mutations';

/**
 * Issue 11, the property tests of parsers of outside data: bundles. A bundle is bytes anyone
 * can write. Every mutation of a valid bundle (cut, flip, extend, overwrite) is refused with a
 * typed BUNDLE error and leaves the receiving vault as it was; the header and manifest parsers,
 * fed mutations and random input on their own, return or throw a typed error, never crash.
 */
const RUNS = 150;
const MARK = 'QQsecretQQ';

async function refusedWith(prefixes: string[], call: () => unknown): Promise<void> {
  try {
    await call();
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    const code = (error as VaultError).code;
    expect(
      prefixes.some((p) => code.startsWith(p)),
      code,
    ).toBe(true);
    expect((error as Error).message).not.toContain(MARK);
  }
}

beforeAll(loadSodium);

describe('property: bundle header and manifest parsers', () => {
  const entry = recordContent('ab'.repeat(16)).entry;
  const valid = manifestFor([entry], { sender: `TVID1-${'A'.repeat(103)}` });
  const validBytes = new TextEncoder().encode(JSON.stringify(valid));

  it('the manifest as written parses', async () => {
    expect((await parseManifest(validBytes)).counts.records).toBe(1);
  });

  it('manifest byte mutations and member replacements: a manifest or BUNDLE.MALFORMED', async () => {
    const inputs = fc.oneof(
      mutationOf(validBytes),
      memberReplaced(valid).map((m) => new TextEncoder().encode(JSON.stringify(m))),
      memberReplaced(entry as unknown as Record<string, unknown>).map((e) =>
        new TextEncoder().encode(JSON.stringify({ ...valid, entries: [e, { ...e, id: MARK }] })),
      ),
    );
    await fc.assert(
      fc.asyncProperty(inputs, async (bytes) => {
        await refusedWith(['BUNDLE.MALFORMED', 'LIMIT.'], () => parseManifest(bytes));
        await refusedWith(['BUNDLE.MALFORMED'], () => senderOf(bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it('random bytes and JSON: never a crash', async () => {
    const inputs = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      fc.json().map((s) => new TextEncoder().encode(s)),
      fc.string().map((s) => new TextEncoder().encode(`{"sender":${JSON.stringify(s)}`)),
    );
    await fc.assert(
      fc.asyncProperty(inputs, async (bytes) => {
        await refusedWith(['BUNDLE.MALFORMED', 'LIMIT.'], () => parseManifest(bytes));
        await refusedWith(['BUNDLE.MALFORMED'], () => senderOf(bytes));
        await refusedWith(['BUNDLE.MALFORMED'], () => splitHeader(bytes));
      }),
      { numRuns: RUNS },
    );
  });

  it('header prefixes: any 10 bytes after the magic give a count or BUNDLE.MALFORMED', async () => {
    const magic = new TextEncoder().encode('TVBUNDLE');
    const inputs = fc
      .uint8Array({ minLength: 0, maxLength: PREFIX_BYTES + 200 })
      .map((tail) => Uint8Array.from([...magic, ...tail]));
    await fc.assert(
      fc.asyncProperty(inputs, (bytes) =>
        refusedWith(['BUNDLE.MALFORMED'], () => splitHeader(bytes)),
      ),
      { numRuns: RUNS },
    );
  });
});

describe('property: mutated bundles received', () => {
  const vaults = useTestVaults();

  it('every mutation is refused with a BUNDLE error, the vault unchanged', async () => {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    const rec = a!.vault.addRecord(shareable({ title: 'T', body: 'short' }));
    const dir = vaults.temp.make();
    const out = join(dir, 'good.tvb');
    await exportBundle(a!.vault, { to: ['Beta'], ids: [rec.id], out });
    const good = readBytes(out);
    const before = snapshot(b!.vault);
    let n = 0;
    await fc.assert(
      fc.asyncProperty(mutationOf(good), async (bytes) => {
        const path = writeVariant(dir, `m${n++}.tvb`, bytes);
        let caught: unknown = null;
        try {
          await receiveBundle(b!.vault, path);
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(VaultError);
        expect((caught as VaultError).code).toMatch(/^BUNDLE\./);
        expect(snapshot(b!.vault)).toBe(before);
      }),
      { numRuns: 60 },
    );
  });
});
