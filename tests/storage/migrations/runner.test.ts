import Database from 'better-sqlite3';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/storage/db';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../../src/core/storage/migrations';
import { useTempDirs } from '../../helpers/temp-dirs';
import { seedUpTo } from './rows';
import { EXPECTED_SCHEMA, contentsOf, databaseAt, schemaOf, userVersion } from './schema';

const temp = useTempDirs();
const MIGRATIONS_DIR = join(import.meta.dirname, '../../../src/core/storage/migrations');
const TESTS_DIR = import.meta.dirname;

describe('the migration runner', () => {
  it('lists one migration per file, versions 1..N in order, each with its schema and its test', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    const files = readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}-.+\.ts$/.test(f));
    expect(files.map((f) => Number(f.slice(0, 3)))).toEqual(MIGRATIONS.map((m) => m.version));
    const tests = readdirSync(TESTS_DIR).filter((f) => /^\d{3}-.+\.test\.ts$/.test(f));
    expect(tests.map((f) => f.replace('.test.ts', '.ts'))).toEqual(files);
    for (const m of MIGRATIONS) expect(EXPECTED_SCHEMA[m.version], `v${m.version}`).toBeDefined();
  });

  for (const migration of MIGRATIONS) {
    it(`migration ${migration.version} runs once: a second migrate changes nothing`, () => {
      const db = databaseAt(temp, migration.version);
      try {
        seedUpTo(db, migration.version);
        const before = contentsOf(db);
        migrate(db, migration.version);
        migrate(db, migration.version - 1); // a lower target never goes back
        expect(userVersion(db)).toBe(migration.version);
        expect(schemaOf(db)).toEqual(EXPECTED_SCHEMA[migration.version]);
        expect(contentsOf(db)).toEqual(before);
      } finally {
        db.close();
      }
    });
  }

  it('upgrading from version 1 to the latest keeps the rows', () => {
    const db = databaseAt(temp, 1);
    try {
      seedUpTo(db, 1);
      migrate(db);
      expect(userVersion(db)).toBe(SCHEMA_VERSION);
      expect(contentsOf(db).revisions).toHaveLength(3);
      expect(db.prepare("SELECT value FROM meta WHERE key = 'vault_id'").get()).toEqual({
        value: 'abc',
      });
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('a failing migration rolls back whole and leaves user_version where it was', () => {
    const db = databaseAt(temp, 2);
    try {
      seedUpTo(db, 2);
      // A table in the way of migration 4 makes it fail halfway through its SQL.
      db.exec('CREATE TABLE custody_index (x)');
      const before = schemaOf(db);
      expect(() => migrate(db)).toThrow(/already exists/);
      // Migration 3 committed on its own; 4 left nothing behind.
      expect(userVersion(db)).toBe(3);
      expect(schemaOf(db)).toEqual({ ...EXPECTED_SCHEMA[3], custody_index: before.custody_index });
    } finally {
      db.close();
    }
  });

  it('openDatabase migrates a new file to the latest version', () => {
    const db = openDatabase(join(temp.make(), 'vault.db'));
    try {
      expect(userVersion(db)).toBe(SCHEMA_VERSION);
      expect(schemaOf(db)).toEqual(EXPECTED_SCHEMA[SCHEMA_VERSION]);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('secure_delete', { simple: true })).toBe(1);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('locking_mode', { simple: true })).toBe('exclusive');
    } finally {
      db.close();
    }
  });

  it('a database with a newer user_version is refused with VAULT.UNSUPPORTED_VERSION and left alone', () => {
    const path = join(temp.make(), 'vault.db');
    const setup = new Database(path);
    setup.pragma('journal_mode = WAL'); // as a real vault written by a newer version would be
    migrate(setup);
    setup.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    setup.close();
    const before = readFileSync(path);
    expect(() => openDatabase(path)).toThrow(
      expect.objectContaining({ code: 'VAULT.UNSUPPORTED_VERSION' }),
    );
    expect(readFileSync(path).equals(before)).toBe(true);
    expect(() => migrate(new Database(':memory:'), 0)).not.toThrow();
  });
});
