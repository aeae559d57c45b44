import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openBundle } from '../../src/core/bundles/bundle-reader';
import { MAX_MANIFEST_BYTES } from '../../src/core/bundles/format';
import { loadSodium } from '../../src/core/crypto/sodium';
import { MAX_JSON_DEPTH, withinJsonDepth } from '../../src/core/bundles/json-depth';
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
import { craft, manifestFor, rawParty, recordContent, save } from './raw';

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

  it('a deeply nested manifest is refused by the depth scan, before JSON.parse', () => {
    const deep = utf8(`{"sender":"x","entries":${nested(1_000_000)}}`);
    expect(() => parseManifest(deep)).toThrow(
      expect.objectContaining({ code: 'BUNDLE.MALFORMED', message: expect.stringMatching(/deep/) }),
    );
  });

  it('a deeply nested record entry is refused before JSON.parse', () => {
    const entry = { kind: 'record', id: ID(1), revision: 1, size: 0, sha256: SHA } as const;
    expect(() => decodeRevision(utf8(`{"title":${nested(2_000_000)}}`), entry)).toThrow(
      expect.objectContaining({ code: 'BUNDLE.MALFORMED', message: expect.stringMatching(/deep/) }),
    );
  });

  it('a record entry may not be much larger than the largest record', () => {
    expect(MAX_RECORD_ENTRY_BYTES).toBeLessThanOrEqual(24 * 1024 * 1024);
  });
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
    const parses = await largeParses(() =>
      openBundle(path, bob.opener).catch((e: typeof error) => (error = e)),
    );
    expect(error).toMatchObject({
      code: 'BUNDLE.MALFORMED',
      message: expect.stringMatching(/deep/),
    });
    expect(parses).toBe(0);
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
