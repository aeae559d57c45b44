import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openBundle } from '../../src/core/bundles/bundle-reader';
import { MAX_MANIFEST_BYTES } from '../../src/core/bundles/format';
import { BATCH_FILES, BlobSyncBatch } from '../../src/core/attachments/blob-sync-batch';
import { exportBundle } from '../../src/core/bundles/export';
import { receiveBundle } from '../../src/core/bundles/receive';
import { FileIoError } from '../../src/core/fs/errors';
import { loadSodium } from '../../src/core/crypto/sodium';
import { MAX_JSON_DEPTH, jsonShapeFault, withinJsonDepth } from '../../src/core/bundles/json-depth';
import { JSON_WORKER_SOURCE, OFF_THREAD_BYTES } from '../../src/core/bundles/json-worker';
import { runLimitedWorker } from '../../src/core/workers/limited-worker';
import { parseIdentity } from '../../src/core/identity/public-identity';
import { LIMITS } from '../../src/shared/records/validate';
import {
  MAX_BUNDLE_ATTACHMENTS,
  MAX_RECORD_ENTRY_BYTES,
  SENDER_WINDOW_BYTES,
  checkManifestStructure,
  parseManifest,
  senderOf,
} from '../../src/core/bundles/manifest';
import { decodeRevision } from '../../src/core/bundles/record-json';
import type { ManifestEntry } from '../../src/core/bundles/manifest';
import { type RawParty, craft, manifestFor, rawParty, recordContent, save } from './raw';
import { network, shareable, snapshot, useTestVaults } from './helpers';

// Batches of 4 here, so that a few files show the batching (the module's own is 256).
vi.mock('../../src/core/attachments/blob-sync-batch', async (original) => ({
  ...(await original<typeof import('../../src/core/attachments/blob-sync-batch')>()),
  BATCH_FILES: 4,
}));
// The worker runner, watched: which jobs ran on a worker thread.
vi.mock('../../src/core/workers/limited-worker', async (original) => {
  const actual = await original<typeof import('../../src/core/workers/limited-worker')>();
  return { ...actual, runLimitedWorker: vi.fn(actual.runLimitedWorker) };
});

/** docs/security.md, "Bundles built to exhaust the receiver". */
const utf8 = (text: string) => new TextEncoder().encode(text);
const nested = (depth: number, inner = '1') => '['.repeat(depth) + inner + ']'.repeat(depth);
const ID = (n: number) => n.toString(16).padStart(32, '0');
const SHA = 'a'.repeat(64);

describe('deep JSON from a partner', () => {
  it('counts nesting outside strings only', () => {
    expect(withinJsonDepth(utf8(nested(MAX_JSON_DEPTH)))).toBe(true);
    expect(withinJsonDepth(utf8(nested(MAX_JSON_DEPTH + 1)))).toBe(false);
    expect(withinJsonDepth(utf8(`{"a":"${'['.repeat(1000)}\\"["}`))).toBe(true);
    expect(withinJsonDepth(utf8('{"a":[{"b":[]}]}'), 4)).toBe(true);
    expect(withinJsonDepth(utf8('{"a":[{"b":[]}]}'), 3)).toBe(false);
  });

  it('a deeply nested manifest is refused by the depth scan, before JSON.parse', async () => {
    const deep = utf8(`{"sender":"x","entries":${nested(1_000_000)}}`);
    await expect(parseManifest(deep)).rejects.toMatchObject({
      code: 'BUNDLE.MALFORMED',
      message: expect.stringMatching(/deep/),
    });
  });

  it('a deeply nested record entry is refused before JSON.parse', async () => {
    const entry = { kind: 'record', id: ID(1), revision: 1, size: 0, sha256: SHA } as const;
    await expect(
      decodeRevision(utf8(`{"title":${nested(2_000_000)}}`), entry),
    ).rejects.toMatchObject({
      code: 'BUNDLE.MALFORMED',
      message: expect.stringMatching(/deep/),
    });
  });

  it('counts values, so that a wide text cannot build millions of them', () => {
    // The array and its three numbers.
    expect(jsonShapeFault(utf8('[1,2,3]'), 4, 4)).toBeNull();
    expect(jsonShapeFault(utf8('[1,2,3,4]'), 4, 4)).toBe('values');
    expect(jsonShapeFault(utf8('{"a":"1,2,3,4,5"}'), 4, 2)).toBeNull();
    expect(jsonShapeFault(utf8('[[],[],[]]'), 4, 6)).toBe('values');
  });

  it('a record entry may hold the largest body, its escapes and the other fields, and no more', () => {
    // docs/bundle-format.md, "Limits": 16 MiB body + 1 MiB of escapes + 1 MiB for the rest.
    expect(MAX_RECORD_ENTRY_BYTES).toBe(LIMITS.bodyBytes + 2 * 1024 * 1024);
    const largest = recordContent(ID(1), 1, {
      body: 'They came at night.\n'.repeat(Math.floor(LIMITS.bodyBytes / 20)),
      title: 'ط'.repeat(LIMITS.titleChars),
      tags: Array.from({ length: LIMITS.tags }, (_, i) => `${i}`.padEnd(LIMITS.tagChars, 'é')),
      notes: 'n'.repeat(200_000),
    });
    expect(largest.bytes.length).toBeLessThan(MAX_RECORD_ENTRY_BYTES);
  });
});

/** Runs of the JSON worker (json-worker.ts), seen through the worker runner. */
const jsonWorkerRuns = () =>
  vi.mocked(runLimitedWorker).mock.calls.filter(([job]) => job.source === JSON_WORKER_SOURCE)
    .length;

/** JSON.parse calls on this (main) thread on a text longer than `bytes`, while `run` runs. */
async function mainThreadParses(run: () => Promise<unknown>, bytes: number): Promise<number> {
  const parse = vi.spyOn(JSON, 'parse');
  try {
    await run();
    return parse.mock.calls.filter(([text]) => String(text).length > bytes).length;
  } finally {
    parse.mockRestore();
  }
}

describe('large JSON from a partner whose signature holds is parsed off the main thread', () => {
  const vaults = useTestVaults();
  const dir = mkdtempSync(join(tmpdir(), 'tv-hostile-json-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A vault that knows `mallory` as a verified partner, and a bundle from her to it. */
  async function fromPartner(contents: Uint8Array[], entries: ManifestEntry[]) {
    const { vault } = await vaults.create();
    const mallory = await rawParty();
    vault.partners.add('Mallory', mallory.identity);
    vault.partners.verify('Mallory');
    const recipient = { boxKey: parseIdentity(vault.identity.identityString()).boxKey } as RawParty;
    const path = save(
      dir,
      `${entries[0]!.id}.tvb`,
      craft({ sender: mallory, recipients: [recipient], manifest: manifestFor(entries), contents }),
    );
    return { vault, path };
  }

  /** A record entry whose content is `text` (the manifest's size and hash match it). */
  function hostileRecord(text: string) {
    const bytes = utf8(text);
    const entry = {
      kind: 'record' as const,
      id: ID(7),
      revision: 1,
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    return { bytes, entry };
  }

  it('a 60 MB record of nested arrays is refused by its size, never read or parsed; nothing is applied', async () => {
    // Within the old 64 MiB entry limit: 25 s and 2 GB on the main thread before issue 18.
    const depth = 30 * 1024 * 1024;
    const { bytes, entry } = hostileRecord(nested(depth, ''));
    expect(bytes.length).toBeGreaterThan(60_000_000);
    const { vault, path } = await fromPartner([bytes], [entry]);
    const before = snapshot(vault);
    vi.mocked(runLimitedWorker).mockClear();
    let error: { code?: string; message?: string } = {};
    const parses = await mainThreadParses(
      () => receiveBundle(vault, path).catch((e: typeof error) => (error = e)),
      SENDER_WINDOW_BYTES,
    );
    expect(error).toMatchObject({
      code: 'BUNDLE.MALFORMED',
      message: expect.stringMatching(/does not follow the format/),
    });
    expect(parses).toBe(0);
    expect(jsonWorkerRuns()).toBe(0);
    expect(snapshot(vault)).toBe(before);
  }, 60_000);

  it.each([
    ['nested arrays within the entry limit', nested(8 * 1024 * 1024, ''), /deep/],
    [
      'a wide array within the depth limit',
      `[${'0,'.repeat(8 * 1024 * 1024)}0]`,
      /too many values/,
    ],
    ['invalid JSON', `{"title":"${'x'.repeat(1024 * 1024)}`, /not valid UTF-8 JSON/],
  ])(
    'a large record of %s is refused on a worker thread; nothing is applied',
    async (_, text, reason) => {
      const { bytes, entry } = hostileRecord(text);
      expect(bytes.length).toBeGreaterThan(OFF_THREAD_BYTES);
      expect(bytes.length).toBeLessThanOrEqual(MAX_RECORD_ENTRY_BYTES);
      const { vault, path } = await fromPartner([bytes], [entry]);
      const before = snapshot(vault);
      vi.mocked(runLimitedWorker).mockClear();
      let error: { code?: string; message?: string; details?: unknown } = {};
      const parses = await mainThreadParses(
        () => receiveBundle(vault, path).catch((e: typeof error) => (error = e)),
        SENDER_WINDOW_BYTES,
      );
      expect(error).toMatchObject({
        code: 'BUNDLE.MALFORMED',
        message: expect.stringMatching(reason),
        details: { id: entry.id },
      });
      expect(parses).toBe(0);
      // Once: verification refuses it, so the apply pass never starts.
      expect(jsonWorkerRuns()).toBe(1);
      expect(snapshot(vault)).toBe(before);
    },
    60_000,
  );

  it('a large honest record is parsed on a worker thread and received whole', async () => {
    const body = 'Lo que pasó aquella noche.\n'.repeat(40_000);
    const { bytes, entry } = recordContent(ID(8), 1, { body });
    expect(bytes.length).toBeGreaterThan(OFF_THREAD_BYTES);
    const { vault, path } = await fromPartner([bytes], [entry]);
    vi.mocked(runLimitedWorker).mockClear();
    const parses = await mainThreadParses(() => receiveBundle(vault, path), SENDER_WINDOW_BYTES);
    expect(parses).toBe(0);
    // Verification, then the apply pass.
    expect(jsonWorkerRuns()).toBe(2);
    expect(vault.records.get(ID(8)).body).toBe(body);
  }, 60_000);
});

describe('a record too large for a bundle', () => {
  const vaults = useTestVaults();

  it('is refused at export with LIMIT.EXCEEDED, and no bundle is written', async () => {
    const [a] = await network(vaults, ['Alpha', 'Beta']);
    const record = a!.vault.addRecord(
      shareable({
        body: 'x'.repeat(LIMITS.bodyBytes - 1024),
        // Three UTF-8 bytes each: 3 MB of notes on top of a full body.
        notes: '€'.repeat(LIMITS.notesChars),
      }),
    );
    const out = join(vaults.temp.make(), 'too-large.tvb');
    await expect(
      exportBundle(a!.vault, { to: ['Beta'], ids: [record.id], out }),
    ).rejects.toMatchObject({
      code: 'LIMIT.EXCEEDED',
      details: { limit: 'record-entry-bytes', max: MAX_RECORD_ENTRY_BYTES },
    });
    expect(readdirSync(dirname(out))).toEqual([]);
  }, 60_000);
});

describe('attachments per bundle', () => {
  const entries = (attachments: number): ManifestEntry[] => [
    { kind: 'record', id: ID(0), revision: 1, size: 2, sha256: SHA },
    ...Array.from({ length: attachments }, (_, i) => ({
      kind: 'attachment' as const,
      id: ID(i + 1),
      recordId: ID(0),
      size: 1,
      sha256: SHA,
      name: `f${i}`,
      mime: 'text/plain',
      modifiedAt: null,
      addedAt: '2024-01-01T00:00:00Z',
      description: '',
    })),
  ];

  it('up to the cap is accepted; one more is refused with a clear, typed error', () => {
    expect(checkManifestStructure({ entries: entries(MAX_BUNDLE_ATTACHMENTS) }).attachments).toBe(
      MAX_BUNDLE_ATTACHMENTS,
    );
    expect(() => checkManifestStructure({ entries: entries(MAX_BUNDLE_ATTACHMENTS + 1) })).toThrow(
      expect.objectContaining({
        code: 'LIMIT.EXCEEDED',
        details: { limit: 'attachments-per-bundle', max: MAX_BUNDLE_ATTACHMENTS },
      }),
    );
  });
});

describe('a 16 MiB manifest from a partner (docs/security.md, "Bundles built to exhaust")', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tv-hostile-manifest-'));
  beforeAll(async () => {
    await loadSodium();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const record = recordContent('ab'.repeat(16));

  /** A manifest of about `bytes`, padded by a long bundle id list in an unknown member. */
  function bigManifest(padding: 'flat' | 'nested', bytes = MAX_MANIFEST_BYTES - 1024) {
    const head = manifestFor([record.entry]);
    const inner = padding === 'flat' ? '1,'.repeat(bytes / 2 - 64) + '1' : '1';
    const filler = padding === 'flat' ? `[${inner}]` : nested(bytes / 2 - 64);
    return { head, filler };
  }

  /** JSON.parse calls on text longer than the sender window, while `run` runs. */
  async function largeParses(run: () => Promise<unknown>): Promise<number> {
    const parse = vi.spyOn(JSON, 'parse');
    try {
      await run().catch(() => undefined);
      return parse.mock.calls.filter(([text]) => String(text).length > SENDER_WINDOW_BYTES).length;
    } finally {
      parse.mockRestore();
    }
  }

  it('reads the sender from the first 16 KiB only, wherever the rest goes', () => {
    const tail = `,"entries":[${'1,'.repeat(1_000_000)}1]}`;
    expect(senderOf(utf8(`{"format":"tvault-bundle","sender":"tv1:x"${tail}`))).toBe('tv1:x');
    const late = utf8(`{"entries":[${'1,'.repeat(SENDER_WINDOW_BYTES)}1],"sender":"tv1:x"}`);
    expect(() => senderOf(late)).toThrow(
      expect.objectContaining({
        code: 'BUNDLE.MALFORMED',
        message: expect.stringMatching(/16 KiB/),
      }),
    );
    expect(() => senderOf(utf8('{"sender":'))).toThrow(
      expect.objectContaining({ code: 'BUNDLE.MALFORMED' }),
    );
    expect(() => senderOf(utf8('{"x":{"sender":"tv1:x"}}'))).toThrow(
      expect.objectContaining({ code: 'BUNDLE.MALFORMED' }),
    );
  });

  it('a forged 16 MiB manifest fails its signature before anything parses it', async () => {
    const [alice, mallory, bob] = [await rawParty(), await rawParty(), await rawParty()];
    const { head, filler } = bigManifest('flat');
    const manifestBytes = utf8(
      JSON.stringify({ sender: alice.identity, ...head }).replace(/}$/, `,"pad":${filler}}`),
    );
    expect(manifestBytes.length).toBeGreaterThan(MAX_MANIFEST_BYTES - 2048);
    const path = save(
      dir,
      'forged.tvb',
      craft({
        sender: alice,
        signer: mallory,
        recipients: [bob],
        manifest: head,
        manifestBytes,
        contents: [record.bytes],
      }),
    );
    let code = '';
    const parses = await largeParses(() =>
      openBundle(path, bob.opener).catch((error: { code: string }) => {
        code = error.code;
      }),
    );
    expect(code).toBe('BUNDLE.BAD_SIGNATURE');
    expect(parses).toBe(0);
  });

  it('a signed 16 MiB nested manifest is refused with a typed error, never given to JSON.parse', async () => {
    const [mallory, bob] = [await rawParty(), await rawParty()];
    const { head, filler } = bigManifest('nested');
    const manifestBytes = utf8(
      JSON.stringify({ sender: mallory.identity, ...head }).replace(/}$/, `,"pad":${filler}}`),
    );
    const path = save(
      dir,
      'nested.tvb',
      craft({ sender: mallory, recipients: [bob], manifest: head, manifestBytes, contents: [] }),
    );
    let error: { code?: string; message?: string } = {};
    vi.mocked(runLimitedWorker).mockClear();
    const parses = await largeParses(() =>
      openBundle(path, bob.opener).catch((e: typeof error) => (error = e)),
    );
    expect(error).toMatchObject({
      code: 'BUNDLE.MALFORMED',
      message: expect.stringMatching(/deep/),
    });
    expect(parses).toBe(0);
    // The scan ran on the JSON worker, not on this thread.
    expect(jsonWorkerRuns()).toBe(1);
  });

  it('a manifest naming two senders is refused, whichever signed it', async () => {
    const [alice, mallory, bob] = [await rawParty(), await rawParty(), await rawParty()];
    const manifestBytes = utf8(
      JSON.stringify({ sender: mallory.identity, ...manifestFor([record.entry]) }).replace(
        /}$/,
        `,"sender":${JSON.stringify(alice.identity)}}`,
      ),
    );
    const path = save(
      dir,
      'two-senders.tvb',
      craft({
        sender: mallory,
        recipients: [bob],
        manifest: manifestFor([record.entry]),
        manifestBytes,
        contents: [record.bytes],
      }),
    );
    await expect(openBundle(path, bob.opener)).rejects.toMatchObject({
      code: 'BUNDLE.MALFORMED',
      message: expect.stringMatching(/two senders/),
    });
  });
});

describe('many small attachments in one bundle (docs/attachments.md, "Many small files")', () => {
  const vaults = useTestVaults();
  async function* bytesOf(data: Uint8Array) {
    yield data;
  }

  async function bundleOfSmallFiles(files: number) {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    const record = a!.vault.addRecord(shareable());
    for (let i = 0; i < files; i++) {
      await a!.vault.attachments.attachStream(record.id, bytesOf(utf8(`file ${i}`)), {
        name: `f${i}.txt`,
      });
    }
    const out = join(vaults.temp.make(), 'small-files.tvb');
    await exportBundle(a!.vault, { to: ['Beta'], ids: [record.id], out });
    return { b: b!, out };
  }

  it('syncs small blobs in batches, not one by one, all before the commit', async () => {
    expect(BATCH_FILES).toBe(4);
    const files = 2 * BATCH_FILES + 1;
    const { b, out } = await bundleOfSmallFiles(files);
    const pendingAtFlush: number[] = [];
    const realFlush = BlobSyncBatch.prototype.flush;
    const counting = vi.spyOn(BlobSyncBatch.prototype, 'flush').mockImplementation(function (
      this: BlobSyncBatch,
    ) {
      pendingAtFlush.push(this.pending);
      return realFlush.call(this);
    });
    try {
      const result = await receiveBundle(b.vault, out);
      expect(result.attachments).toBe(files);
    } finally {
      counting.mockRestore();
    }
    // One sync per batch of BATCH_FILES, and the rest before the commit: three, not nine.
    expect(pendingAtFlush).toEqual([BATCH_FILES, BATCH_FILES, 1]);
    expect(readdirSync(b.vault.blobsDir).filter((n) => !n.endsWith('.partial'))).toHaveLength(
      files,
    );
  });

  it('a batch that cannot be synced fails the receive with FILE.IO and leaves the vault as it was', async () => {
    const { b, out } = await bundleOfSmallFiles(5);
    const before = snapshot(b.vault);
    const failing = vi
      .spyOn(BlobSyncBatch.prototype, 'flush')
      .mockRejectedValue(new FileIoError('Cannot write the attachment into the vault', 'x', 'EIO'));
    try {
      await expect(receiveBundle(b.vault, out)).rejects.toMatchObject({ code: 'FILE.IO' });
    } finally {
      failing.mockRestore();
    }
    expect(snapshot(b.vault)).toBe(before);
  });
});
