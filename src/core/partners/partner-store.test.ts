import { codeOf } from '../../../tests/helpers/errors';
import { describe, expect, it } from 'vitest';
import { findInFolder } from '../../../tests/helpers/scan';
import { marker } from '../../../tests/helpers/scripts';
import { useTestVaults } from '../../../tests/helpers/vault';

describe('partners', () => {
  const vaults = useTestVaults();

  it('adds, lists, verifies and removes partners, stored sealed', async () => {
    const { vault, dir } = await vaults.create();
    const other = await vaults.create();
    const third = await vaults.create();
    const name = marker('Partner');
    const added = vault.partners.add(`  ${name} `, other.vault.identity.identityString());
    expect(added).toMatchObject({
      name,
      verified: false,
      verifiedAt: null,
      fingerprint: other.vault.identity.fingerprint(),
    });
    vault.partners.add('شبكة النساء', third.vault.identity.identityString());
    expect(vault.partners.list().map((p) => p.name)).toEqual(
      [name, 'شبكة النساء'].sort((a, b) => a.localeCompare(b)),
    );
    expect(vault.partners.get(name.toLowerCase()).id).toBe(added.id);
    const verified = vault.partners.verify(name);
    expect(verified.verified).toBe(true);
    expect(verified.verifiedAt).not.toBeNull();
    expect(vault.partners.findByIdentity(other.vault.identity.publicIdentity())?.name).toBe(name);
    vault.checkpoint();
    expect(findInFolder(dir, name)).toEqual([]);
    expect(findInFolder(dir, other.vault.identity.identityString())).toEqual([]);

    vault.close();
    const reopened = await vaults.open(dir);
    expect(reopened.partners.get(name).verified).toBe(true);
    reopened.partners.remove(name);
    expect(codeOf(() => reopened.partners.get(name))).toBe('PARTNER.NOT_FOUND');
    expect(reopened.partners.findByIdentity(other.vault.identity.publicIdentity())).toBeNull();
    expect(reopened.partners.list()).toHaveLength(1);
  });

  it('refuses duplicates, its own identity, bad names and bad identities', async () => {
    const { vault } = await vaults.create();
    const other = await vaults.create();
    const third = await vaults.create();
    const id = other.vault.identity.identityString();
    vault.partners.add('Red Collective', id);
    expect(
      codeOf(() => vault.partners.add('red collective', third.vault.identity.identityString())),
    ).toBe('PARTNER.EXISTS');
    expect(codeOf(() => vault.partners.add('Another name', id))).toBe('PARTNER.EXISTS');
    expect(codeOf(() => vault.partners.add('Me', vault.identity.identityString()))).toBe(
      'INPUT.INVALID',
    );
    for (const bad of ['', '   ', 'a,b', 'evil\u202Eeman', 'tab\there', 'x'.repeat(101)]) {
      expect(codeOf(() => vault.partners.add(bad, third.vault.identity.identityString()))).toBe(
        'INPUT.INVALID',
      );
    }
    expect(codeOf(() => vault.partners.add('Typo', id.slice(0, -2)))).toBe('IDENTITY.INVALID');
    expect(codeOf(() => vault.partners.verify('nobody'))).toBe('PARTNER.NOT_FOUND');
    expect(codeOf(() => vault.partners.remove('nobody'))).toBe('PARTNER.NOT_FOUND');
    expect(vault.partners.list()).toHaveLength(1);
  });
});
