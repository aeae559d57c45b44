/**
 * One hostile input of bench/hostile.ts, in its own process so that its memory figures are its
 * own: `node --expose-gc --import tsx bench/hostile-child.ts SCENARIO WORK_DIR SIZE`. Prints one
 * JSON line.
 */
import { join } from 'node:path';
import { TEST_KDF } from '../src/core/crypto/kdf';
import { Vault } from '../src/core/vault/vault';
import { parseManifest, senderOf } from '../src/core/bundles/manifest';
import { exportBundle } from '../src/core/bundles/export';
import { receiveBundle } from '../src/core/bundles/receive';
import { makePdf, makePdfBomb } from '../tests/helpers/pdf';
import { measure } from './hostile-measure';

const MiB = 1024 * 1024;
const [scenario, work, sizeArg] = process.argv.slice(2);
if (!scenario || !work) throw new Error('usage: hostile-child.ts SCENARIO WORK_DIR [SIZE]');
const size = Number(sizeArg ?? 0);

const { vault } = await Vault.create(join(work, 'vault'), 'bench passphrase, not a secret', {
  kdf: TEST_KDF,
});
const recordId = vault.addRecord({ title: 'bench' }).id;
// Warm up (modules loaded once per process: file-type, pdf.js's worker source, libsodium), so
// the figures are the input's, not the first attachment's.
await vault.attachments.attachStream(recordId, once(makePdf('warm up')), { name: 'warm.pdf' });

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += MiB) yield bytes.subarray(i, i + MiB);
}

const scenarios: Record<string, () => Promise<Record<string, unknown>>> = {
  /** Nothing but the probe for SIZE ms: the machine's own noise in the longest block. */
  idle: async () => {
    const { cost } = await measure(() => new Promise((resolve) => setTimeout(resolve, size)));
    return cost as unknown as Record<string, unknown>;
  },
  /** A PDF whose one page inflates to SIZE MiB of drawing operators. */
  'pdf-bomb': async () => {
    const bomb = await makePdfBomb(size * MiB);
    const { result, cost } = await measure(() =>
      vault.attachments.attachStream(recordId, once(bomb), { name: 'bomb.pdf' }),
    );
    return { fileBytes: bomb.length, textSkipped: result.textSkipped, ...cost };
  },
  /**
   * A 16 MiB manifest of nested arrays: the sender read before the signature (its first 16 KiB
   * only), then the parse that follows a signature that holds (an unknown sender's, say).
   */
  'deep-json': async () => {
    const depth = 8 * MiB;
    const deep = new TextEncoder().encode(
      `{"sender":"x","entries":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    );
    const { result, cost } = await measure(async () => {
      try {
        senderOf(deep);
        await parseManifest(deep);
        return 'accepted';
      } catch (error) {
        return (error as { code?: string }).code ?? 'error';
      }
    });
    // Baseline: JSON.parse of a flat text of the same size (what any manifest costs).
    const flat = `[${'"aaaaaaaaaaaaaa",'.repeat(Math.floor(deep.length / 17) - 1)}"a"]`;
    const baseline = await measure(async () => JSON.parse(flat) as unknown);
    return {
      bytes: deep.length,
      outcome: result,
      ...cost,
      flatParseSeconds: baseline.cost.seconds,
      flatParseLongestBlockMs: baseline.cost.longestBlockMs,
    };
  },
  /**
   * SIZE tiny files received in one bundle from a partner (small blobs synced in batches).
   * Baseline: the partner attaching the same files one by one (each blob synced on its own, as
   * every received file was before).
   */
  'small-files': async () => {
    const { vault: sender } = await Vault.create(join(work, 'sender'), 'bench, not a secret', {
      kdf: TEST_KDF,
    });
    sender.partners.add('Receiver', vault.identity.identityString());
    sender.partners.verify('Receiver');
    vault.partners.add('Sender', sender.identity.identityString());
    vault.partners.verify('Sender');
    const shared = sender.addRecord({
      title: 'bench',
      body: 'many small files',
      consent: { status: 'given', scope: 'share-with-partners' },
    }).id;
    const attach = await measure(async () => {
      for (let i = 0; i < size; i++) {
        await sender.attachments.attachStream(shared, once(new TextEncoder().encode(`f${i}`)), {
          name: `f${i}.txt`,
        });
      }
    });
    const out = join(work, 'small-files.tvb');
    await exportBundle(sender, { to: ['Receiver'], ids: [shared], out });
    sender.close();
    const { result, cost } = await measure(() => receiveBundle(vault, out));
    return {
      files: size,
      received: result.attachments,
      ...cost,
      msPerFile: (cost.seconds * 1000) / size,
      oneByOneMsPerFile: (attach.cost.seconds * 1000) / size,
    };
  },
  /** The same number of bytes, not a PDF: what ingest costs without extraction. */
  'plain-file': async () => {
    const bytes = new Uint8Array(size);
    const { cost } = await measure(() =>
      vault.attachments.attachStream(recordId, once(bytes), { name: 'plain.bin' }),
    );
    return cost as unknown as Record<string, unknown>;
  },
};

const run = scenarios[scenario];
if (!run) throw new Error(`unknown scenario ${scenario}`);
const figures = await run();
vault.close();
process.stdout.write(`${JSON.stringify(figures)}\n`);
