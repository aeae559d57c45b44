import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportBundle } from '../../src/core/bundles/export';
import { receiveBundle } from '../../src/core/bundles/receive';
import { Redactor, redactRevision } from '../../src/core/bundles/redact';
import { type TestimonyRecord, emptyFields } from '../../src/shared/records/types';
import { network, shareable, useTestVaults } from './helpers';

function record(fields: Partial<TestimonyRecord>): TestimonyRecord {
  return {
    ...emptyFields(),
    id: '0'.repeat(32),
    revision: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    provenance: null,
    ...fields,
  };
}

function redacted(fields: Partial<TestimonyRecord>, redactor = new Redactor()): TestimonyRecord {
  const r = record(fields);
  return redactRevision(r, redactor.forRecord([r]));
}

describe('redaction: every part of the name, in the testimony language', () => {
  it('Arabic: a first name alone, with diacritics, another alef or a proclitic, becomes the pseudonym', () => {
    const out = redacted({
      lang: 'ar',
      narrator: 'ليلى حسن',
      title: 'شهادة ليلى حسن',
      body: 'قالت لَيْلَى إن حسن ليس اسمها الوحيد. وليلي خافت من العنوان في حي السلام.',
      identifying: ['حي السلام'],
    });
    expect(out.narrator).toBe('الراوي/ة 1');
    expect(out.title).toBe('شهادة الراوي/ة 1');
    expect(out.body).toBe(
      'قالت الراوي/ة 1 إن الراوي/ة 1 ليس اسمها الوحيد. والراوي/ة 1 خافت من العنوان في [محذوف].',
    );
  });

  it('Spanish: accents and case do not matter; particles alone are left', () => {
    const out = redacted({
      lang: 'es-MX',
      narrator: 'María de la Cruz',
      body: 'MARIA llegó. La señora Cruz habló de la fábrica en la calle Juárez.',
      identifying: ['calle juarez'],
    });
    expect(out.narrator).toBe('Testigo 1');
    expect(out.body).toBe(
      'Testigo 1 llegó. La señora Testigo 1 habló de la fábrica en la [suprimido].',
    );
  });

  it('French: mixed case and accents, markers in French', () => {
    const out = redacted({
      lang: 'fr',
      narrator: 'Hélène Dubois',
      body: 'helene DUBOIS a parlé ; Hélène a vu le maire de Saint-Étienne.',
      identifying: ['saint etienne'],
    });
    expect(out.narrator).toBe('Témoin 1');
    expect(out.body).toBe('Témoin 1 a parlé ; Témoin 1 a vu le maire de [masqué].');
  });

  it('falls back to English markers for other or unknown languages', () => {
    expect(redacted({ lang: 'pt-BR', narrator: 'Ana', body: 'ana' }).body).toBe('Narrator 1');
    expect(redacted({ lang: '', narrator: 'Ana', body: 'x', identifying: ['x'] }).body).toBe(
      '[redacted]',
    );
  });

  it('numbers narrators across records by their name, whatever its spelling', () => {
    const redactor = new Redactor();
    expect(redacted({ narrator: 'Leïla Hassan' }, redactor).narrator).toBe('Narrator 1');
    expect(redacted({ narrator: 'Rosa' }, redactor).narrator).toBe('Narrator 2');
    expect(redacted({ narrator: 'LEILA  hassan', lang: 'fr' }, redactor).narrator).toBe('Témoin 1');
  });

  it('reports what it replaces and the forms it does not cover', () => {
    const r = record({ narrator: 'Ana Ruiz', body: 'Ana y Anabel vieron a los Ruizes.' });
    const audit = new Redactor().forRecord([r]).audit(r.body);
    expect(audit.replaced).toEqual([{ from: 'Ana', to: 'Narrator 1' }]);
    expect(audit.missed).toEqual([
      { passage: 'Ana', form: 'Anabel' },
      { passage: 'Ruiz', form: 'Ruizes' },
    ]);
  });
});

describe('redaction in a bundle', () => {
  const vaults = useTestVaults();

  it('never lets a first name reach the partner (issue 12, point 6)', async () => {
    const [a, b] = await network(vaults, ['Alpha', 'Beta']);
    const rec = a!.vault.addRecord(
      shareable({ lang: 'ar', narrator: 'ليلى حسن', body: 'تحدثت ليلى عن المصنع.' }),
    );
    const out = join(vaults.temp.make(), 'ar.tvb');
    await exportBundle(a!.vault, { to: ['Beta'], ids: [rec.id], out });
    await receiveBundle(b!.vault, out);
    const got = b!.vault.records.get(rec.id);
    expect(got.narrator).toBe('الراوي/ة 1');
    expect(got.body).toBe('تحدثت الراوي/ة 1 عن المصنع.');
    expect(JSON.stringify(got)).not.toContain('ليلى');
  });
});
