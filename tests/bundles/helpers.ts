import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { FieldsPatch } from '../../src/shared/records/validate';
import { VaultError } from '../../src/shared/errors';
import type { Vault } from '../../src/core/vault/vault';
import { type TestVaults, useTestVaults } from '../helpers/vault';

/** A record partners may receive: consent given, scope share-with-partners. */
export function shareable(patch: FieldsPatch = {}): FieldsPatch {
  return {
    title: 'Testimony',
    body: 'What happened.',
    lang: 'en',
    ...patch,
    consent: { status: 'given', scope: 'share-with-partners', ...patch.consent },
  };
}

export interface Party {
  name: string;
  vault: Vault;
  dir: string;
}

/**
 * Creates vaults named by `names`, each knowing every other as a verified partner.
 */
export async function network(vaults: TestVaults, names: string[]): Promise<Party[]> {
  const parties: Party[] = [];
  for (const name of names) {
    const { vault, dir } = await vaults.create();
    parties.push({ name, vault, dir });
  }
  for (const a of parties) {
    for (const b of parties) {
      if (a === b) continue;
      a.vault.partners.add(b.name, b.vault.identity.identityString());
      a.vault.partners.verify(b.name);
    }
  }
  return parties;
}

export { useTestVaults };

/** Everything about a vault that an import could change, to compare before and after. */
export function snapshot(vault: Vault): string {
  const records = vault.records.list().map((s) => ({ ...s }));
  const histories = records.map((r) => vault.records.history(r.id));
  const attachments = records.map((r) => vault.attachments.list(r.id));
  const blobs = readdirSync(vault.blobsDir).sort();
  const received = vault.db.prepare('SELECT count(*) AS n FROM received_bundles').get();
  return JSON.stringify({ records, histories, attachments, blobs, received });
}

/** Expects `promise` to reject with a VaultError whose code starts with `prefix`. */
export async function expectCode(promise: Promise<unknown>, prefix: string): Promise<VaultError> {
  let caught: unknown = null;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a ${prefix} error`).toBeInstanceOf(VaultError);
  expect((caught as VaultError).code.startsWith(prefix), (caught as VaultError).code).toBe(true);
  return caught as VaultError;
}

export function writeVariant(dir: string, name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

export function readBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}
