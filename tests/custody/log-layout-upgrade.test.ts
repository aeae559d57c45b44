import { createHmac } from 'node:crypto';
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeCustodyReport, verifyCustodyReport } from '../../src/core/custody/report';
import { SCHEMA_VERSION } from '../../src/core/storage/migrations';
import { verifyVault } from '../../src/core/verify/verify-vault';
import { flipByte, withRawDb } from '../helpers/raw-db';
import { libsodium } from '../helpers/libsodium';
import { useTestVaults } from '../helpers/vault';

/**
 * Migration 9 (docs/custody.md, "How the log is built"): the head and the record tags move into
 * the log's rows, tags are packed 64 entries to a block, and they are keyed with their own key
 * (tvcustix) instead of the log's sealing key. The fixture is a real vault written by the code
 * before that change (tests/custody/fixtures/vault-schema-8/README.md).
 */
const FIXTURE = join(import.meta.dirname, 'fixtures', 'vault-schema-8');
const [EDITED, KEPT, DELETED] = [
  '15a7a65fae5cdc1c11d8251e39028136',
  '31d21a66c4c3fe1f4a46675d6023046d',
  'c0b1cb5499fc3a7a6c885bcc6c6cf60a',
] as const;

const vaults = useTestVaults();

function copyFixture(): string {
  const dir = vaults.temp.path('schema-8');
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

function tag(key: Uint8Array, id: string): Buffer {
  return createHmac('sha256', key).update(id).digest().subarray(0, 16);
}

interface Row {
  seq: number;
  tags: Buffer | null;
  head: Buffer | null;
}

describe('migration 9: the custody log in its rows, tags under their own key', () => {
  it('a log written by the old code is upgraded at unlock: it verifies and reads as before', async () => {
    const dir = copyFixture();
    const vault = await vaults.open(dir);
    const sodium = await libsodium();
    const master = vault.keys.masterKey();
    const tagKey = sodium.crypto_kdf_derive_from_key(32, 1, 'tvcustix', master);
    const oldKey = sodium.crypto_kdf_derive_from_key(32, 1, 'tvcustdy', master);
    expect(vault.keys.key('custodyTags')).toEqual(tagKey);

    expect((await verifyVault(vault)).problems).toEqual([]);
    const of = (id: string) => [...vault.custody.entriesOf(id)].map((e) => e.action);
    const opened = Array<string>(22).fill('record.opened');
    expect(of(EDITED)).toEqual(['record.created', 'record.edited', ...opened]);
    expect(of(KEPT)).toEqual(['record.created', ...opened]);
    expect(of(DELETED)).toEqual(['record.created', ...opened, 'record.deleted']);
    const { json, signature, report } = makeCustodyReport(vault, EDITED);
    expect(report.entries).toHaveLength(24);
    expect(report.log).toEqual({ seq: 73, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    vault.close();
    const reportDir = vaults.temp.make();
    writeFileSync(join(reportDir, 'r.json'), json);
    writeFileSync(join(reportDir, 'r.json.sig'), signature);
    await expect(verifyCustodyReport(join(reportDir, 'r.json'))).resolves.toMatchObject({
      fingerprint: report.vault.fingerprint,
    });

    withRawDb(dir, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      const tables = db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table'")
        .all()
        .map((t) => t.name);
      expect(tables).not.toContain('custody_index_to_retag');
      expect(tables).not.toContain('custody_index');
      const keys = db
        .prepare<[], { key: string }>('SELECT key FROM meta')
        .all()
        .map((r) => r.key);
      expect(keys).toContain('custody_genesis');
      expect(keys).not.toContain('custody_head');
      const rows = db.prepare<[], Row>('SELECT seq, tags, head FROM custody_log').all();
      // One head, on the last row (the unlock's entry, 73).
      expect(rows.filter((r) => r.head).map((r) => r.seq)).toEqual([73]);
      // Entry 2 created EDITED: its tag is under tvcustix, not the sealing key.
      expect(rows[1]!.tags).toEqual(tag(tagKey, EDITED));
      expect(rows[1]!.tags).not.toEqual(tag(oldKey, EDITED));
      expect(rows[0]!.tags).toBeNull(); // vault.created names no record
      const blocks = db
        .prepare<[], { last_seq: number; pairs: Buffer }>('SELECT * FROM custody_tag_blocks')
        .all();
      expect(blocks.map((b) => b.last_seq)).toEqual([64]);
      // Entries 2..64 name one record each: 63 pairs of tag (16) and seq (8).
      expect(blocks[0]!.pairs.length).toBe(63 * 24);
      expect(blocks[0]!.pairs.subarray(0, 16)).toEqual(tag(tagKey, EDITED));
      expect(blocks[0]!.pairs.readBigUInt64BE(16)).toBe(2n);
    });
  });

  it('an old entry that does not open is reported by verify; the unlock and the rest go on', async () => {
    const dir = copyFixture();
    withRawDb(dir, (db) => {
      const row = db
        .prepare<[], { sealed: Buffer }>('SELECT sealed FROM custody_log WHERE seq = 10')
        .get()!;
      db.prepare('UPDATE custody_log SET sealed = ? WHERE seq = 10').run(
        Buffer.from(flipByte(row.sealed, 30)),
      );
    });
    const vault = await vaults.open(dir);
    const { problems } = await verifyVault(vault);
    expect(problems.map((p) => [p.kind, p.id])).toEqual([['log-entry-damaged', '10']]);
    // Entry 10 opened KEPT (i = 4): the lookup cannot know it any more; the others are found.
    expect([...vault.custody.entriesOf(KEPT)]).toHaveLength(22);
    vault.close();
  });
});
