import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestimonyFields } from '../../src/shared/records/types';
import type { Vault } from '../../src/core/vault/vault';
import { findInFolder, windowsOf } from '../helpers/scan';
import { SCRIPT_SAMPLES, marker } from '../helpers/scripts';
import { TEST_PASSPHRASE, useTestVaults } from '../helpers/vault';

/**
 * An attacker with the disk reads every file of the vault folder. No plaintext of a record may
 * be there, ever (not in vault.db, its WAL or journal, nor temporary files), and after a
 * delete nothing of the record's ciphertext may remain either.
 */
const vaults = useTestVaults();

/** Every text field carries its own marker, in several scripts. */
function markedFields(tag: string): { fields: TestimonyFields; markers: string[] } {
  const m = (field: string) => marker(`${tag}-${field}`);
  const markers = {
    title: m('title'),
    body: m('body'),
    narrator: m('narrator'),
    place: m('place'),
    tag: m('tag'),
    note: m('consentnote'),
    warning: m('warning'),
    notes: m('notes'),
    identifying: m('identifying'),
    arabic: `شهادة-${tag}-سرية`,
    cyrillic: `Свидетель-${tag}-тайна`,
  };
  return {
    markers: Object.values(markers),
    fields: {
      title: markers.title,
      body: `${SCRIPT_SAMPLES.mixed}\n${markers.body}\n${markers.arabic}\n${markers.cyrillic}`,
      lang: 'ar',
      narrator: markers.narrator,
      date: '2023-05-17',
      place: markers.place,
      tags: [markers.tag],
      consent: { status: 'given', scope: 'archive-only', date: null, note: markers.note },
      warning: markers.warning,
      notes: markers.notes,
      identifying: [markers.identifying],
    },
  };
}

function expectAbsent(dir: string, needles: (string | Uint8Array)[]): void {
  for (const needle of needles) {
    const hits = findInFolder(dir, needle);
    expect(hits, `found ${typeof needle === 'string' ? needle : 'ciphertext bytes'}`).toEqual([]);
  }
}

describe('the folder scanner (control: it must find what is there)', () => {
  it('finds UTF-8 and UTF-16LE text and raw bytes in nested files', () => {
    const dir = vaults.temp.make();
    writeFileSync(
      join(dir, 'a.bin'),
      Buffer.concat([Buffer.alloc(10), Buffer.from('شهادة', 'utf8')]),
    );
    writeFileSync(join(dir, '.hidden'), Buffer.from('Свидетель', 'utf16le'));
    expect(findInFolder(dir, 'شهادة')).toEqual([{ file: 'a.bin', encoding: 'utf8', offset: 10 }]);
    expect(findInFolder(dir, 'Свидетель')).toEqual([
      { file: '.hidden', encoding: 'utf16le', offset: 0 },
    ]);
    expect(findInFolder(dir, Uint8Array.from([0, 0, 0]))).not.toEqual([]);
    expect(findInFolder(dir, 'absent')).toEqual([]);
  });
});

describe('no plaintext in the vault folder', () => {
  it('records added, edited and imported leave no marker in any file, open (WAL) or closed', async () => {
    const { dir, vault, recoveryKey } = await vaults.create();
    const all: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { fields, markers } = markedFields(`r${i}`);
      all.push(...markers);
      const { id } = vault.addRecord(fields);
      const edit = markedFields(`r${i}-edit`);
      all.push(edit.markers[0]!, edit.markers[1]!);
      vault.updateRecord(id, { title: edit.fields.title, body: edit.fields.body });
    }
    const importFile = join(vaults.temp.make(), 'import.jsonl');
    const imported = markedFields('imported');
    all.push(...imported.markers);
    writeFileSync(importFile, `${JSON.stringify(imported.fields)}\n`);
    expect((await vault.importFile(importFile)).imported).toBe(1);

    // While open, the latest pages are in the WAL: it must exist and be scanned.
    const wal = join(dir, 'vault.db-wal');
    expect(existsSync(wal)).toBe(true);
    expect(statSync(wal).size).toBeGreaterThan(0);
    expectAbsent(dir, all);
    expectAbsent(dir, [TEST_PASSPHRASE, recoveryKey, recoveryKey.replace(/-/g, '')]);

    vault.close();
    expectAbsent(dir, all);
    const again = await vaults.open(dir);
    expect(again.records.count()).toBe(6);
    again.close();
    expectAbsent(dir, all);
  });
});

/** Every ciphertext of a record, read through the vault's own connection. */
function ciphertextsOf(vault: Vault, id: string): Uint8Array[] {
  const row = vault.db.prepare('SELECT wrapped_key, summary FROM records WHERE id = ?').get(id) as {
    wrapped_key: Uint8Array;
    summary: Uint8Array;
  };
  const revisions = vault.db
    .prepare('SELECT sealed FROM revisions WHERE record_id = ?')
    .all(id) as { sealed: Uint8Array }[];
  expect(revisions.length).toBeGreaterThan(0);
  return [row.wrapped_key, row.summary, ...revisions.map((r) => r.sealed)];
}

describe('after delete, nothing of the record remains in the folder', () => {
  async function check(closeBeforeDelete: boolean) {
    const { dir, vault: first } = await vaults.create();
    let vault = first;
    const target = vault.addRecord(markedFields('target').fields).id;
    vault.updateRecord(target, { body: `${SCRIPT_SAMPLES.arabic}\n`.repeat(200) });
    const others = [0, 1, 2].map((i) => vault.addRecord(markedFields(`other${i}`).fields).id);
    if (closeBeforeDelete) {
      vault.close();
      vault = await vaults.open(dir);
    }
    const ciphertexts = ciphertextsOf(vault, target);
    // Control: the ciphertext is findable before the delete (in the db or the WAL).
    expect(findInFolder(dir, ciphertexts[2]!.subarray(0, 64))).not.toEqual([]);

    vault.deleteRecord(target);
    const windows = ciphertexts.flatMap((c) => windowsOf(c, 32));
    expectAbsent(dir, windows);
    vault.close();
    expectAbsent(dir, windows);

    const again = await vaults.open(dir);
    expect(again.records.exists(target)).toBe(false);
    for (const id of others) expect(again.records.get(id).narrator).toContain('MARKER-other');
    expect(
      again.records
        .list()
        .map((s) => s.id)
        .sort(),
    ).toEqual([...others].sort());
  }

  it('a record written in this session (its pages still in the WAL)', async () => {
    await check(false);
  });

  it('a record from an earlier session (its pages in vault.db)', async () => {
    await check(true);
  });
});
