import { describe, expect, it } from 'vitest';
import type { TestimonyFields } from '../../src/shared/records/types';
import { Vault } from '../../src/core/vault/vault';
import { SCRIPT_NAMES, SCRIPT_SAMPLES, multilingualBody } from '../helpers/scripts';
import { TEST_PASSPHRASE, useTestVaults } from '../helpers/vault';

const vaults = useTestVaults();

/** A record with every field set, in one script. */
function everyField(text: string): TestimonyFields {
  return {
    title: `${text} — title`,
    body: `${text}\n\n${text}\twith a tab\n`,
    lang: 'ar-EG',
    narrator: `${text} (narrator)`,
    date: '2024-02-29',
    place: `${text} (place)`,
    tags: [`${text.slice(0, 20)} tag`, 'second-tag'],
    consent: {
      status: 'given',
      scope: 'share-with-partners',
      date: '2024-03-01',
      note: `${text} (consent note)`,
    },
    warning: `${text} (warning)`,
    notes: `${text}\n(notes)`,
    identifying: [`${text} (identifying passage)`],
  };
}

describe('record round trips', () => {
  it('the samples are NFC already (so the round trip must be exact)', () => {
    for (const name of SCRIPT_NAMES) {
      expect(SCRIPT_SAMPLES[name], name).toBe(SCRIPT_SAMPLES[name].normalize('NFC'));
    }
  });

  for (const name of SCRIPT_NAMES) {
    it(`keeps every field intact in ${name}, across lock and unlock`, async () => {
      const { dir, vault } = await vaults.create();
      const fields = everyField(SCRIPT_SAMPLES[name]);
      const added = vault.addRecord(fields);
      expect(added).toMatchObject(fields);
      vault.close();
      const reopened = await vaults.open(dir);
      const got = reopened.records.get(added.id);
      expect(got).toEqual({
        ...fields,
        id: added.id,
        revision: 1,
        createdAt: added.createdAt,
        updatedAt: added.createdAt,
        provenance: null,
      });
      const [summary] = reopened.records.list();
      expect(summary).toMatchObject({
        id: added.id,
        title: fields.title,
        date: fields.date,
        lang: fields.lang,
        tags: fields.tags,
        consent: fields.consent,
        hasWarning: true,
        revision: 1,
      });
    });
  }

  it('keeps a 100 KB multilingual body and a 1 MB one exactly', async () => {
    const { vault } = await vaults.create();
    for (const size of [100 * 1024, 1024 * 1024]) {
      const body = multilingualBody(size);
      const { id } = vault.addRecord({ title: `long ${size}`, body });
      expect(vault.records.get(id).body).toBe(body);
    }
  });

  it('fills defaults for what was not given', async () => {
    const { vault } = await vaults.create();
    const record = vault.addRecord({ title: 'only a title' });
    expect(record).toMatchObject({
      body: '',
      lang: '',
      narrator: '',
      date: null,
      place: '',
      tags: [],
      consent: { status: 'unknown', scope: 'archive-only', date: null, note: '' },
      warning: '',
      notes: '',
      identifying: [],
    });
    expect(record.id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('keeps text exactly as given: decomposed and compatibility characters are not normalised', async () => {
    const { vault } = await vaults.create();
    const decomposed = 'Jose\u0301 Mari\u0301a, S\u0323\u0307 \uF900\uFA10';
    const { id } = vault.addRecord({ title: decomposed, body: decomposed, notes: decomposed });
    const got = vault.records.get(id);
    expect(got.body).toBe(decomposed);
    expect(got.notes).toBe(decomposed);
    expect(got.title).toBe(decomposed);
    expect(got.body).not.toBe(decomposed.normalize('NFC'));
  });
});

describe('validation of hostile input (nothing is stored)', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['empty title', { title: '' }],
    ['blank title', { title: ' \t\n ' }],
    ['date 2024-02-30', { title: 't', date: '2024-02-30' }],
    ['date 2023-02-29', { title: 't', date: '2023-02-29' }],
    ['date 2024-13-01', { title: 't', date: '2024-13-01' }],
    ['date in another format', { title: 't', date: '01/02/2024' }],
    ['lang "not a tag!"', { title: 't', lang: 'not a tag!' }],
    ['NUL in the title', { title: 'a\u0000b' }],
    ['NUL in the body', { title: 't', body: 'a\u0000b' }],
    ['NUL in a tag', { title: 't', tags: ['a\u0000'] }],
    ['lone surrogate (invalid UTF-16)', { title: 't', body: 'bad \uD800 text' }],
    ['bad consent status', { title: 't', consent: { status: 'maybe' } }],
    ['bad consent scope', { title: 't', consent: { scope: 'everyone' } }],
    ['unknown field', { title: 't', colour: 'red' }],
    ['wrong type', { title: 't', tags: 'one,two' }],
    ['title too long', { title: 'x'.repeat(1001) }],
    ['too many tags', { title: 't', tags: Array.from({ length: 201 }, (_, i) => `t${i}`) }],
    ['empty tag', { title: 't', tags: [' '] }],
  ];
  for (const [what, input] of cases) {
    it(`refuses ${what} with INPUT.INVALID`, async () => {
      const { vault } = await vaults.create();
      expect(() => vault.addRecord(input as never)).toThrow(
        expect.objectContaining({ code: 'INPUT.INVALID' }),
      );
      expect(vault.records.count()).toBe(0);
    });
  }

  it('the error names the field but never quotes the content', async () => {
    const { vault } = await vaults.create();
    const secret = 'SECRET-NARRATOR-NAME';
    try {
      vault.addRecord({ title: secret, date: `${secret}` });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain('date');
      expect((error as Error).message).not.toContain(secret);
      expect(JSON.stringify((error as { details: unknown }).details)).not.toContain(secret);
    }
  });

  it('refuses a body over the limit (16 MiB of UTF-8)', async () => {
    const { vault } = await vaults.create();
    // 6 MiB of 3-byte characters: within the character limit, over the byte limit.
    const body = 'ह'.repeat(6 * 1024 * 1024);
    expect(() => vault.addRecord({ title: 'big', body })).toThrow(
      expect.objectContaining({ code: 'INPUT.INVALID' }),
    );
    expect(vault.records.count()).toBe(0);
  });

  it('an invalid edit changes nothing', async () => {
    const { vault } = await vaults.create();
    const { id } = vault.addRecord({ title: 'before' });
    expect(() => vault.updateRecord(id, { date: '2024-02-30' })).toThrow(
      expect.objectContaining({ code: 'INPUT.INVALID' }),
    );
    expect(vault.records.get(id)).toMatchObject({ title: 'before', revision: 1, date: null });
    expect(vault.records.history(id)).toHaveLength(1);
  });
});

describe('revisions and history', () => {
  it('edit creates revisions; history lists them; each revision stays readable', async () => {
    const { dir, vault } = await vaults.create();
    const { id, createdAt } = vault.addRecord({ title: 'v1', body: 'first', tags: ['a'] });
    await new Promise((r) => setTimeout(r, 5));
    vault.updateRecord(id, { title: 'v2', consent: { status: 'withdrawn' } });
    await new Promise((r) => setTimeout(r, 5));
    const third = vault.updateRecord(id, { body: 'third', tags: [] });
    expect(third.revision).toBe(3);
    expect(third.createdAt).toBe(createdAt);
    vault.close();

    const again = await vaults.open(dir);
    const history = again.records.history(id);
    expect(history.map((h) => [h.revision, h.title])).toEqual([
      [1, 'v1'],
      [2, 'v2'],
      [3, 'v2'],
    ]);
    expect(history[0]!.updatedAt < history[2]!.updatedAt).toBe(true);
    expect(again.records.get(id, 1)).toMatchObject({ title: 'v1', body: 'first', tags: ['a'] });
    expect(again.records.get(id, 2)).toMatchObject({
      title: 'v2',
      body: 'first',
      consent: { status: 'withdrawn', scope: 'archive-only' },
    });
    expect(again.records.get(id)).toMatchObject({ revision: 3, body: 'third', tags: [] });
    expect(again.records.revisions(id).map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(again.records.list()[0]).toMatchObject({ revision: 3, title: 'v2' });
    for (const bad of [0, 4, -1, 1.5, Number.NaN]) {
      expect(() => again.records.get(id, bad)).toThrow(
        expect.objectContaining({ code: 'INPUT.INVALID' }),
      );
    }
  });

  it('unknown ids and prefixes', async () => {
    const { vault } = await vaults.create();
    const { id } = vault.addRecord({ title: 'x' });
    expect(vault.records.resolveId(id.slice(0, 8))).toBe(id);
    expect(vault.records.resolveId(id.toUpperCase())).toBe(id);
    const notFound = expect.objectContaining({ code: 'RECORD.NOT_FOUND' });
    expect(() => vault.records.get('0'.repeat(32))).toThrow(notFound);
    expect(() => vault.records.resolveId("' OR 1=1 --")).toThrow(notFound);
    expect(() => vault.records.resolveId('abc')).toThrow(notFound);
    expect(() => vault.updateRecord('f'.repeat(32), { title: 'y' })).toThrow(notFound);
    expect(() => vault.deleteRecord('f'.repeat(32))).toThrow(notFound);
    expect(vault.records.count()).toBe(1);
  });

  it('delete removes the record and its history, others stay', async () => {
    const { dir, vault } = await vaults.create();
    const gone = vault.addRecord({ title: 'gone' }).id;
    vault.updateRecord(gone, { title: 'gone 2' });
    const kept = vault.addRecord({ title: 'kept' }).id;
    vault.deleteRecord(gone);
    expect(vault.records.exists(gone)).toBe(false);
    expect(() => vault.records.history(gone)).toThrow(
      expect.objectContaining({ code: 'RECORD.NOT_FOUND' }),
    );
    vault.close();
    const again = vaults.track(await Vault.open(dir, { passphrase: TEST_PASSPHRASE }));
    expect(again.records.ids()).toEqual([kept]);
    expect(again.records.get(kept).title).toBe('kept');
    expect(
      again.db.prepare('SELECT count(*) AS n FROM revisions WHERE record_id = ?').get(gone),
    ).toEqual({ n: 0 });
  });
});
