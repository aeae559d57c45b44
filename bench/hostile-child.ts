/**
 * One hostile input of bench/hostile.ts, in its own process so that its memory figures are its
 * own: `node --expose-gc --import tsx bench/hostile-child.ts SCENARIO WORK_DIR SIZE`. Prints one
 * JSON line. SCENARIO is one below or `file:NAME:hostile|benign` (bench/hostile-files.ts).
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_KDF } from '../src/core/crypto/kdf';
import { Vault } from '../src/core/vault/vault';
import { MAX_MANIFEST_BYTES } from '../src/core/bundles/format';
import { MAX_RECORD_ENTRY_BYTES, parseManifest, senderOf } from '../src/core/bundles/manifest';
import { parseIdentity } from '../src/core/identity/public-identity';
import { type RawParty, craft, manifestFor, rawParty, recordContent } from '../tests/bundles/raw';
import { exportBundle } from '../src/core/bundles/export';
import { receiveBundle } from '../src/core/bundles/receive';
import { makePdf, makePdfBomb } from '../tests/helpers/pdf';
import { measure } from './hostile-measure';
import { HOSTILE_FILES, type HostileFile, measureHostileFile } from './hostile-files';

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
// A partner of this vault, for the hostile bundles (keys outside any vault).
const partyForBench = await rawParty();
vault.partners.add('Mallory', partyForBench.identity);
vault.partners.verify('Mallory');

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
   * only), then the parse that follows a signature that holds (an unknown sender's, say); then
   * receives from a partner whose signature holds, of a record entry just under the entry limit
   * made of nested arrays, and of a 16 MiB manifest made of one flat array of numbers (each
   * refused on the JSON worker). Baseline: JSON.parse of a flat text of the same size, on the
   * main thread (what any large manifest cost the main thread before it moved to the worker).
   */
  'deep-json': async () => {
    const depth = 8 * MiB;
    const deep = new TextEncoder().encode(
      `{"sender":"x","entries":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    );
    const deepBytes = deep.length; // parseManifest takes the bytes (moved to its worker)
    const outcome = async (work: () => Promise<unknown>) => {
      try {
        await work();
        return 'accepted';
      } catch (error) {
        return (error as { code?: string }).code ?? 'error';
      }
    };
    const manifest = await measure(() =>
      outcome(async () => {
        senderOf(deep);
        await parseManifest(deep);
      }),
    );
    const record = hostileRecordBundle('nested');
    const recordCost = await measure(() => outcome(() => receiveBundle(vault, record.path)));
    const wide = hostileRecordBundle('wide-manifest');
    const wideCost = await measure(() => outcome(() => receiveBundle(vault, wide.path)));
    const flat = `[${'"aaaaaaaaaaaaaa",'.repeat(Math.floor(deepBytes / 17) - 1)}"a"]`;
    const baseline = await measure(async () => JSON.parse(flat) as unknown);
    return {
      bytes: deepBytes,
      outcome: manifest.result,
      ...manifest.cost,
      recordBytes: record.entryBytes,
      recordOutcome: recordCost.result,
      recordSeconds: recordCost.cost.seconds,
      recordPeakRssMiB: recordCost.cost.peakRssMiB,
      recordLongestBlockMs: recordCost.cost.longestBlockMs,
      wideManifestBytes: wide.manifestBytes,
      wideManifestOutcome: wideCost.result,
      wideManifestSeconds: wideCost.cost.seconds,
      wideManifestLongestBlockMs: wideCost.cost.longestBlockMs,
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
  /**
   * A plain import of SIZE honest records (about 1 KB each), as the app's main process runs
   * it: how long the event loop is held at once (IPC, progress and Cancel wait that long).
   */
  'import-loop': async () => {
    const path = join(work, 'records.jsonl');
    const body = 'what the witness told, slowly and in detail, at the hearing. '.repeat(16);
    const lines = Array.from({ length: size }, (_, i) =>
      JSON.stringify({ title: `Testimony ${i}`, body, tags: ['bench'] }),
    );
    writeFileSync(path, `${lines.join('\n')}\n`);
    const { result, cost } = await measure(() => vault.importFile(path));
    return { records: result.imported, ...cost };
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

/**
 * A bundle to this vault from a partner whose signature holds: one record entry of nested
 * arrays just under the entry limit, or an honest small record under a 16 MiB manifest padded
 * with one flat array of numbers.
 */
function hostileRecordBundle(kind: 'nested' | 'wide-manifest') {
  const encoder = new TextEncoder();
  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
  const mallory = partyForBench;
  const recipient = { boxKey: parseIdentity(vault.identity.identityString()).boxKey } as RawParty;
  let contents: Uint8Array[];
  let manifest: ReturnType<typeof manifestFor>;
  let manifestBytes: Uint8Array | undefined;
  if (kind === 'nested') {
    const half = Math.floor((MAX_RECORD_ENTRY_BYTES - 1024) / 2);
    const bytes = encoder.encode('['.repeat(half) + ']'.repeat(half));
    const id = 'ef'.repeat(16);
    contents = [bytes];
    manifest = manifestFor([
      { kind: 'record', id, revision: 1, size: bytes.length, sha256: sha256(bytes) },
    ]);
  } else {
    const record = recordContent('fe'.repeat(16));
    contents = [record.bytes];
    manifest = manifestFor([record.entry]);
    const head = JSON.stringify({ sender: mallory.identity, ...manifest });
    const pad = `,"pad":[${'0,'.repeat(Math.floor((MAX_MANIFEST_BYTES - head.length) / 2) - 16)}0]}`;
    manifestBytes = encoder.encode(head.replace(/}$/, pad));
  }
  const path = join(work!, `${kind}.tvb`);
  writeFileSync(
    path,
    craft({
      sender: mallory,
      recipients: [recipient],
      manifest,
      contents,
      ...(manifestBytes ? { manifestBytes } : {}),
    }),
  );
  return { path, entryBytes: contents[0]!.length, manifestBytes: manifestBytes?.length ?? 0 };
}

// `file:NAME:hostile|benign`: one input of bench/hostile-files.ts.
const [kind, name, variant] = scenario.split(':');
const run =
  kind === 'file' && HOSTILE_FILES.includes(name as HostileFile)
    ? () =>
        measureHostileFile(
          name as HostileFile,
          variant === 'hostile' ? 'hostile' : 'benign',
          vault,
          recordId,
          work,
          size,
        )
    : scenarios[scenario];
if (!run) throw new Error(`unknown scenario ${scenario}`);
const figures = await run();
vault.close();
process.stdout.write(`${JSON.stringify(figures)}\n`);
