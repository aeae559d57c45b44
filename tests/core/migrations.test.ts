import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/storage/db';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../src/core/storage/migrations';
import { useTempDirs } from '../helpers/temp-dirs';

/**
 * The schema after each migration, as data (primary keys of WITHOUT ROWID tables are NOT NULL
 * implicitly). Adding a migration without adding its expected
 * schema here fails the first test: every migration is tested from the first version on.
 * Columns are "name type notnull? pk-position".
 */
interface TableShape {
  columns: string[];
  indexes?: string[];
  foreignKeys?: string[];
  withoutRowid?: boolean;
}

const V1: Record<string, TableShape> = {
  meta: { columns: ['key TEXT notnull pk1', 'value BLOB notnull'], withoutRowid: true },
  records: {
    columns: [
      'id TEXT null pk1',
      'kind TEXT notnull',
      'head INTEGER notnull',
      'wrapped_key BLOB notnull',
      'summary BLOB notnull',
    ],
  },
  revisions: {
    columns: ['record_id TEXT notnull pk1', 'revision INTEGER notnull pk2', 'sealed BLOB notnull'],
    foreignKeys: ['record_id -> records.id ON DELETE CASCADE'],
    withoutRowid: true,
  },
  attachments: {
    columns: [
      'id TEXT null pk1',
      'record_id TEXT notnull',
      'wrapped_key BLOB notnull',
      'meta BLOB notnull',
      'extracted_text BLOB null',
    ],
    indexes: ['attachments_by_record (record_id)'],
    foreignKeys: ['record_id -> records.id ON DELETE CASCADE'],
  },
  search_segments: { columns: ['id TEXT notnull pk1', 'sealed BLOB notnull'], withoutRowid: true },
  partners: { columns: ['id TEXT notnull pk1', 'sealed BLOB notnull'], withoutRowid: true },
  received_bundles: { columns: ['id TEXT notnull pk1', 'sealed BLOB notnull'], withoutRowid: true },
};

const V2: Record<string, TableShape> = {
  ...V1,
  search_pending: { columns: ['record_id TEXT notnull pk1'], withoutRowid: true },
};

// Until the first unlock re-seals them (tests/core/received-bundle-keys.test.ts), the old
// received-bundle rows wait in a table of the same shape.
const V3: Record<string, TableShape> = {
  ...V2,
  received_bundles_to_reseal: V2.received_bundles!,
};

const V4: Record<string, TableShape> = {
  ...V3,
  custody_log: { columns: ['seq INTEGER null pk1', 'sealed BLOB notnull'] },
  custody_index: {
    columns: ['tag BLOB notnull pk1', 'seq INTEGER notnull pk2'],
    withoutRowid: true,
  },
  custody_checkpoints: {
    columns: ['seq INTEGER null pk1', 'hash BLOB notnull', 'signature BLOB notnull'],
  },
};

const V5: Record<string, TableShape> = {
  ...V4,
  import_sources: {
    columns: ['tag BLOB notnull pk1', 'record_id TEXT notnull', 'sealed BLOB notnull'],
    indexes: ['import_sources_by_record (record_id)'],
    foreignKeys: ['record_id -> records.id ON DELETE CASCADE'],
    withoutRowid: true,
  },
};

const EXPECTED: Record<number, Record<string, TableShape>> = {
  1: V1,
  2: V2,
  3: V3,
  4: V4,
  5: V5,
};

function schemaOf(db: Database.Database): Record<string, TableShape> {
  const out: Record<string, TableShape> = {};
  const tables = db
    .prepare(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string; sql: string }[];
  for (const { name, sql } of tables) {
    const columns = (
      db.pragma(`table_info(${name})`) as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[]
    ).map(
      (c) => `${c.name} ${c.type} ${c.notnull ? 'notnull' : 'null'}${c.pk ? ` pk${c.pk}` : ''}`,
    );
    const indexes = (db.pragma(`index_list(${name})`) as { name: string; origin: string }[])
      .filter((i) => i.origin === 'c')
      .map((i) => {
        const cols = (db.pragma(`index_info(${i.name})`) as { name: string }[]).map((c) => c.name);
        return `${i.name} (${cols.join(', ')})`;
      })
      .sort();
    const foreignKeys = (
      db.pragma(`foreign_key_list(${name})`) as {
        table: string;
        from: string;
        to: string;
        on_delete: string;
      }[]
    ).map((f) => `${f.from} -> ${f.table}.${f.to} ON DELETE ${f.on_delete}`);
    const shape: TableShape = { columns };
    if (indexes.length) shape.indexes = indexes;
    if (foreignKeys.length) shape.foreignKeys = foreignKeys;
    if (/WITHOUT ROWID\s*$/i.test(sql.trim())) shape.withoutRowid = true;
    out[name] = shape;
  }
  return out;
}

const temp = useTempDirs();

function freshDb(): Database.Database {
  return new Database(join(temp.make(), 'test.db'));
}

describe('schema migrations', () => {
  it('every migration has an expected schema, versions are 1..N in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
    for (const m of MIGRATIONS)
      expect(EXPECTED[m.version], `schema of v${m.version}`).toBeDefined();
  });

  for (const migration of MIGRATIONS) {
    it(`migration ${migration.version}: ${migration.why.slice(0, 60)}…`, () => {
      const db = freshDb();
      try {
        migrate(db, migration.version - 1);
        expect(db.pragma('user_version', { simple: true })).toBe(migration.version - 1);
        migrate(db, migration.version);
        expect(db.pragma('user_version', { simple: true })).toBe(migration.version);
        expect(schemaOf(db)).toEqual(EXPECTED[migration.version]);
        // Running it again changes nothing.
        migrate(db, migration.version);
        expect(schemaOf(db)).toEqual(EXPECTED[migration.version]);
        expect(db.pragma('foreign_key_check')).toEqual([]);
      } finally {
        db.close();
      }
    });
  }

  it('upgrading from version 1 keeps the rows', () => {
    const db = freshDb();
    try {
      migrate(db, 1);
      db.prepare("INSERT INTO meta (key, value) VALUES ('vault_id', 'abc')").run();
      db.prepare("INSERT INTO records VALUES ('r1', 'testimony', 1, x'01', x'02')").run();
      db.prepare("INSERT INTO revisions VALUES ('r1', 1, x'03')").run();
      migrate(db);
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.prepare('SELECT count(*) AS n FROM revisions').get()).toEqual({ n: 1 });
      expect(db.prepare("SELECT value FROM meta WHERE key = 'vault_id'").get()).toEqual({
        value: 'abc',
      });
    } finally {
      db.close();
    }
  });

  it('openDatabase migrates a new file to the latest version', () => {
    const db = openDatabase(join(temp.make(), 'vault.db'));
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(schemaOf(db)).toEqual(EXPECTED[SCHEMA_VERSION]);
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
