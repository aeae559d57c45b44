import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportBundle, previewExport } from '../../src/core/bundles/export';
import { receiveBundle } from '../../src/core/bundles/receive';
import { findInFolder } from '../helpers/scan';
import { marker } from '../helpers/scripts';
import { expectCode, network, shareable, useTestVaults } from './helpers';

async function* bytesOf(data: Uint8Array) {
  yield data;
}

describe('bundles: consent and care on export', () => {
  const vaults = useTestVaults();

  it('refuses records without given consent or with archive-only scope, and lists why', async () => {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    const ok = a!.vault.addRecord(shareable({ title: 'ok' }));
    const anon = a!.vault.addRecord(
      shareable({ title: 'anon', consent: { scope: 'publish-anonymised' } }),
    );
    const withdrawn = a!.vault.addRecord(
      shareable({ title: 'w', consent: { status: 'withdrawn' } }),
    );
    const unknown = a!.vault.addRecord({ title: 'u' }); // defaults: unknown, archive-only
    const archive = a!.vault.addRecord(
      shareable({ title: 'a', consent: { scope: 'archive-only' } }),
    );
    const out = join(vaults.temp.make(), 'c.tvb');
    const preview = previewExport(a!.vault, { to: ['Beta'], all: true });
    expect(new Set(preview.records)).toEqual(new Set([ok.id, anon.id]));
    expect(preview.refused).toEqual(
      expect.arrayContaining([
        { id: withdrawn.id, reason: 'consent-withdrawn' },
        { id: unknown.id, reason: 'consent-unknown' },
        { id: archive.id, reason: 'archive-only' },
      ]),
    );
    expect(preview.refused).toHaveLength(3);
    expect(preview.needsConfirmation).toBe(true);

    // Without confirmation: refused, the refusals named, nothing written.
    const error = await expectCode(
      exportBundle(a!.vault, { to: ['Beta'], all: true, out }),
      'EXPORT.REFUSED',
    );
    expect(error.message).toContain(withdrawn.id);
    expect(error.message).toContain('consent was withdrawn');
    expect(error.details.refused).toHaveLength(3);
    expect(existsSync(out)).toBe(false);

    // Confirmed: the others go, the refused ones are listed in the result.
    const result = await exportBundle(a!.vault, { to: ['Beta'], all: true, out, confirmed: true });
    expect(result.records).toBe(2);
    expect(result.refused.map((r) => r.id).sort()).toEqual(
      [withdrawn.id, unknown.id, archive.id].sort(),
    );
    await receiveBundle(b!.vault, out);
    expect(new Set(b!.vault.records.ids())).toEqual(new Set([ok.id, anon.id]));

    // Only refused records selected: nothing to export, even when confirmed.
    await expectCode(
      exportBundle(a!.vault, {
        to: ['Beta'],
        ids: [withdrawn.id, archive.id],
        out: join(vaults.temp.make(), 'none.tvb'),
        confirmed: true,
      }),
      'EXPORT.REFUSED',
    );
  });

  it('asks for confirmation before sending to a partner whose fingerprint is not verified', async () => {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    a!.vault.partners.remove('Beta');
    a!.vault.partners.add('Beta', b!.vault.identity.identityString());
    a!.vault.addRecord(shareable());
    const out = join(vaults.temp.make(), 'u.tvb');
    const error = await expectCode(
      exportBundle(a!.vault, { to: ['Beta'], all: true, out }),
      'EXPORT.REFUSED',
    );
    expect(error.message).toContain('not verified');
    await exportBundle(a!.vault, { to: ['Beta'], all: true, out, confirmed: true });
    expect((await receiveBundle(b!.vault, out)).records).toBe(1);
  });

  it('redacts narrators and identifying passages by default; the original is untouched', async () => {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    const name = marker('Name');
    const street = marker('Street');
    const rec = a!.vault.addRecord(
      shareable({
        title: `What happened to ${name}`,
        body: `${name} lives on ${street.toLowerCase()}. Nobody else was there.`,
        narrator: name,
        place: `${street}, the city`,
        notes: `Met ${name} twice.`,
        warning: `Violence near ${street}`,
        tags: ['harassment', street],
        identifying: [street],
        consent: { note: `agreed by ${name}` },
      }),
    );
    const second = a!.vault.addRecord(shareable({ title: 'Second', narrator: name }));
    const third = a!.vault.addRecord(shareable({ title: 'Third', narrator: 'Someone else' }));
    const data = new TextEncoder().encode('the file bytes are not redacted');
    await a!.vault.attachments.attachStream(rec.id, bytesOf(data), {
      name: `${street}.jpg`,
      description: `photo of ${street}`,
    });
    const dir = vaults.temp.make();
    const out = join(dir, 'r.tvb');
    await exportBundle(a!.vault, { to: ['Beta'], ids: [rec.id, second.id, third.id], out });
    await receiveBundle(b!.vault, out);

    const got = b!.vault.records.get(rec.id);
    expect(got.narrator).toBe('Narrator 1');
    expect(got.title).toBe('What happened to Narrator 1');
    expect(got.body).toBe('Narrator 1 lives on [redacted]. Nobody else was there.');
    expect(got.place).toBe('[redacted], the city');
    expect(got.notes).toBe('Met Narrator 1 twice.');
    expect(got.warning).toBe('Violence near [redacted]'); // the warning travels, redacted
    expect(got.tags).toEqual(['harassment', '[redacted]']);
    expect(got.consent.note).toBe('agreed by Narrator 1');
    expect(got.identifying).toEqual([]);
    const [att] = b!.vault.attachments.list(rec.id);
    expect(att!.name).toBe('[redacted].jpg');
    expect(att!.description).toBe('photo of [redacted]');
    // The same narrator is the same pseudonym across records; another is another.
    expect(b!.vault.records.get(second.id).narrator).toBe('Narrator 1');
    expect(b!.vault.records.get(third.id).narrator).toBe('Narrator 2');
    // Nothing identifying anywhere in the recipient's folder or the bundle (encrypted anyway,
    // but the redaction happened before encryption: the recipient never had it).
    const decrypted = JSON.stringify([got, b!.vault.records.list(), att]);
    expect(decrypted).not.toContain(name);
    expect(decrypted.toLowerCase()).not.toContain(street.toLowerCase());
    expect(findInFolder(dir, name)).toEqual([]);

    // The sender's record is unchanged.
    const original = a!.vault.records.get(rec.id);
    expect(original.narrator).toBe(name);
    expect(original.identifying).toEqual([street]);
    expect(original.revision).toBe(1);
  });

  it('keeps identities only when explicitly asked, and never for publish-anonymised records', async () => {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    const shared = a!.vault.addRecord(
      shareable({ narrator: 'Amina', body: 'Amina at the market', identifying: ['market'] }),
    );
    const anon = a!.vault.addRecord(
      shareable({
        narrator: 'Rosa',
        body: 'Rosa spoke',
        consent: { scope: 'publish-anonymised' },
      }),
    );
    const out = join(vaults.temp.make(), 'i.tvb');
    await exportBundle(a!.vault, {
      to: ['Beta'],
      all: true,
      out,
      includeIdentities: true,
    });
    await receiveBundle(b!.vault, out);
    expect(b!.vault.records.get(shared.id)).toMatchObject({
      narrator: 'Amina',
      body: 'Amina at the market',
      identifying: ['market'],
    });
    expect(b!.vault.records.get(anon.id)).toMatchObject({
      narrator: 'Narrator 1',
      body: 'Narrator 1 spoke',
    });
  });

  it('redacts passages marked in any revision, in every revision sent with history', async () => {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    const rec = a!.vault.addRecord(shareable({ body: 'first draft names Lagos' }));
    a!.vault.updateRecord(rec.id, { body: 'second draft names LAGOS', identifying: ['Lagos'] });
    a!.vault.updateRecord(rec.id, { title: 'Final', identifying: [] });
    const out = join(vaults.temp.make(), 'h.tvb');
    const result = await exportBundle(a!.vault, {
      to: ['Beta'],
      ids: [rec.id],
      out,
      withHistory: true,
    });
    expect(result.records).toBe(1);
    await receiveBundle(b!.vault, out);
    const revisions = b!.vault.records.revisions(rec.id);
    expect(revisions.map((r) => r.body)).toEqual([
      'first draft names [redacted]',
      'second draft names [redacted]',
      'second draft names [redacted]',
    ]);
    expect(revisions.map((r) => r.updatedAt)).toEqual(
      a!.vault.records.revisions(rec.id).map((r) => r.updatedAt),
    );
  });
});
