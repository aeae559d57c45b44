import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Direct access to a closed vault's files, as an attacker with the disk has it: to read
 * ciphertext and to tamper with it. Never use these on an open vault (it holds vault.db
 * exclusively).
 */
export function withRawDb<T>(vaultDir: string, fn: (db: Database.Database) => T): T {
  const db = new Database(join(vaultDir, 'vault.db'));
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** A copy of `bytes` with the byte at `offset` (negative: from the end) XOR-ed with `mask`. */
export function flipByte(bytes: Uint8Array, offset: number, mask = 0x01): Uint8Array {
  const copy = Uint8Array.from(bytes);
  const index = offset < 0 ? copy.length + offset : offset;
  if (index < 0 || index >= copy.length) throw new Error(`flipByte: offset ${offset} out of range`);
  copy[index] = copy[index]! ^ mask;
  return copy;
}

/** Reads vault.json as an object, lets `edit` change it, writes it back. */
export function editHeader(
  vaultDir: string,
  edit: (header: Record<string, unknown>) => void,
): void {
  const path = join(vaultDir, 'vault.json');
  const header = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(header);
  writeFileSync(path, `${JSON.stringify(header, null, 2)}\n`);
}
