import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, withinJsonDepth } from '../../src/core/bundles/json-depth';
import {
  MAX_BUNDLE_ATTACHMENTS,
  MAX_RECORD_ENTRY_BYTES,
  checkManifestStructure,
  parseManifest,
  senderOf,
} from '../../src/core/bundles/manifest';
import { decodeRevision } from '../../src/core/bundles/record-json';
import type { ManifestEntry } from '../../src/core/bundles/manifest';

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

  it('a deeply nested manifest is refused before its sender is read (so before the signature)', () => {
    const deep = utf8(`{"sender":"x","entries":${nested(1_000_000)}}`);
    expect(() => senderOf(deep)).toThrow(expect.objectContaining({ code: 'BUNDLE.MALFORMED' }));
    expect(() => parseManifest(deep)).toThrow(
      expect.objectContaining({ code: 'BUNDLE.MALFORMED' }),
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
