import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VaultError } from '../../src/shared/errors';
import { readImportFile } from '../../src/core/records/bulk-import';
import { loadSodium } from '../../src/core/crypto/sodium';
import { formatIdentity, parseIdentity } from '../../src/core/identity/public-identity';
import { patchFromJson } from '../../src/cli/record-input';
import { useTempDirs } from '../helpers/temp-dirs';

/**
 * Issue 11, point 4: parsers of outside data fed arbitrary input never crash or hang: each
 * input is accepted or refused with a typed error (a VaultError with a stable code), and
 * refusals never quote the input. numRuns stays modest so that the suite stays fast.
 */
const temp = useTempDirs();
const RUNS = 150;
const MARK = 'QQsecretQQ';

/** Text that looks like the format now and then, with the marker inside. */
const jsonish = fc.oneof(
  fc.json(),
  fc.string(),
  fc.constantFrom('{', '[', '"', ',', '\\', '\u0000', '\r', '\uFEFF', `"${MARK}"`),
  fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue()).map((d) => JSON.stringify(d)),
  fc.record({ title: fc.string(), [MARK]: fc.string() }).map((d) => JSON.stringify(d)),
);
const lines = fc.array(jsonish, { maxLength: 12 }).map((parts) => parts.join('\n'));
const bytes = fc.uint8Array({ maxLength: 400 });

async function rowsOf(path: string) {
  try {
    const out = [];
    for await (const row of readImportFile(path, { maxRecordBytes: 2048 })) out.push(row);
    return out;
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('IMPORT.INVALID_FILE');
    expect((error as Error).message).not.toContain(MARK);
    return null;
  }
}

function checkRows(rows: Awaited<ReturnType<typeof rowsOf>>): void {
  for (const row of rows ?? []) {
    expect(Number.isInteger(row.line) && row.line >= 1).toBe(true);
    if ('rejected' in row) expect(row.rejected).not.toContain(MARK);
    else expect(typeof row.fields.title).toBe('string');
  }
}

describe('property: import rows', () => {
  it('.jsonl: any text or bytes give rows or rejections, never a crash', async () => {
    const dir = temp.make();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(lines, bytes), async (content) => {
        const path = join(dir, `f${n++}.jsonl`);
        writeFileSync(path, content);
        const rows = await rowsOf(path);
        // A .jsonl file has no file-wide error: every line is judged alone.
        expect(rows).not.toBeNull();
        checkRows(rows);
      }),
      { numRuns: RUNS },
    );
  });

  it('.csv: any text or bytes give rows, rejections or IMPORT.INVALID_FILE', async () => {
    const dir = temp.make();
    const header = fc.constantFrom('title,body\n', 'title,tags,consent.status\n', '', `${MARK}\n`);
    const cell = fc.oneof(fc.string(), fc.constantFrom('"', '""', ',', '\n', `"${MARK}`, ';'));
    const csv = fc
      .tuple(header, fc.array(fc.array(cell, { maxLength: 4 }), { maxLength: 8 }))
      .map(([h, rows]) => h + rows.map((r) => r.join(',')).join('\n'));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(csv, bytes), async (content) => {
        const path = join(dir, `f${n++}.csv`);
        writeFileSync(path, content);
        checkRows(await rowsOf(path));
      }),
      { numRuns: RUNS },
    );
  });
});

describe('property: identity strings', () => {
  it('any text is a valid identity or IDENTITY.INVALID; every valid one survives a round trip', async () => {
    await loadSodium();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 1200 }),
          fc.string().map((s) => `TVID1-${s}`),
          fc.stringMatching(/^TVID1-[A-Z2-7]{100,110}$/),
        ),
        (text) => {
          try {
            const identity = parseIdentity(text);
            expect(parseIdentity(formatIdentity(identity))).toEqual(identity);
          } catch (error) {
            expect(error).toBeInstanceOf(VaultError);
            expect((error as VaultError).code).toBe('IDENTITY.INVALID');
          }
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });
});

describe('property: add/edit --from-json', () => {
  it('any input is a patch or INPUT.INVALID, never quoting it', () => {
    const dir = temp.make();
    let n = 0;
    fc.assert(
      fc.property(fc.oneof(lines, bytes), (content) => {
        const path = join(dir, `p${n++}.json`);
        writeFileSync(path, content);
        try {
          expect(typeof patchFromJson(path)).toBe('object');
        } catch (error) {
          expect(error).toBeInstanceOf(VaultError);
          expect((error as VaultError).code).toBe('INPUT.INVALID');
          expect((error as Error).message).not.toContain(MARK);
        }
      }),
      { numRuns: RUNS },
    );
  });
});
