import Database from 'better-sqlite3';
import { join } from 'node:path';
import { migrate } from '../../../src/core/storage/migrations';
import type { TempDirs } from '../../helpers/temp-dirs';

/**
 * The schema after each migration, as data (primary keys of WITHOUT ROWID tables are NOT NULL
 * implicitly). Columns are "name type notnull? pk-position". A new migration adds its expected
 * schema here: runner.test.ts fails for a migration without one.
 */
export interface TableShape {
  columns: string[];
  indexes?: string[];
  foreignKeys?: string[];
  withoutRowid?: boolean;
}
export type Schema = Record<string, TableShape>;

const V1: Schema = {
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

const V2: Schema = {
  ...V1,
  search_pending: { columns: ['record_id TEXT notnull pk1'], withoutRowid: true },
};

// Until the first unlock re-seals them (tests/core/received-bundle-keys.test.ts), the old
// received-bundle rows wait in a table of the same shape.
const V3: Schema = { ...V2, received_bundles_to_reseal: V2.received_bundles! };

const V4: Schema = {
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

const V5: Schema = {
  ...V4,
  import_sources: {
    columns: ['tag BLOB notnull pk1', 'record_id TEXT notnull', 'sealed BLOB notnull'],
    indexes: ['import_sources_by_record (record_id)'],
    foreignKeys: ['record_id -> records.id ON DELETE CASCADE'],
    withoutRowid: true,
  },
};

const TAGGED_SEALED: Schema[string] = {
  columns: ['tag TEXT notnull pk1', 'sealed BLOB notnull'],
  withoutRowid: true,
};

const V6: Schema = {
  ...V5,
  team_events: { columns: ['seq INTEGER null pk1', 'sealed BLOB notnull'] },
  team_state: TAGGED_SEALED,
  team_records: TAGGED_SEALED,
  team_revisions: TAGGED_SEALED,
  team_files: TAGGED_SEALED,
  team_authors: TAGGED_SEALED,
};

const V7: Schema = {
  ...V6,
  vocabulary: { columns: ['slot INTEGER null pk1', 'sealed BLOB notnull'] },
};

const V8: Schema = {
  ...V7,
  revisions: { ...V7.revisions!, indexes: ['revisions_by_record (record_id, revision)'] },
};

// The custody log's head and tags move into its rows; the old index waits, under another name,
// for the first unlock to recompute its tags under their own key (tests/custody/log-layout-upgrade).
const { custody_index: oldIndex, ...V8rest } = V8;
const V9: Schema = {
  ...V8rest,
  custody_log: {
    columns: ['seq INTEGER null pk1', 'sealed BLOB notnull', 'tags BLOB null', 'head BLOB null'],
  },
  custody_tag_blocks: { columns: ['last_seq INTEGER null pk1', 'pairs BLOB notnull'] },
  custody_index_to_retag: oldIndex!,
};

// Revisions and import links become rowid tables, their keys unique indexes: rows are appended.
const V10: Schema = {
  ...V9,
  revisions: {
    columns: ['record_id TEXT notnull', 'revision INTEGER notnull', 'sealed BLOB notnull'],
    indexes: ['revisions_by_record (record_id, revision)'],
    foreignKeys: ['record_id -> records.id ON DELETE CASCADE'],
  },
  import_sources: {
    columns: ['tag BLOB notnull', 'record_id TEXT notnull', 'sealed BLOB notnull'],
    indexes: ['import_sources_by_record (record_id)', 'import_sources_by_tag (tag)'],
    foreignKeys: ['record_id -> records.id ON DELETE CASCADE'],
  },
};

export const EXPECTED_SCHEMA: Readonly<Record<number, Schema>> = {
  0: {},
  1: V1,
  2: V2,
  3: V3,
  4: V4,
  5: V5,
  6: V6,
  7: V7,
  8: V8,
  9: V9,
  10: V10,
};

interface ColumnInfo {
  name: string;
  type: string;
  notnull: number;
  pk: number;
}
interface ForeignKeyInfo {
  table: string;
  from: string;
  to: string;
  on_delete: string;
}

function tableNames(db: Database.Database): { name: string; sql: string }[] {
  return db
    .prepare<[], { name: string; sql: string }>(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all();
}

function shapeOf(db: Database.Database, name: string, sql: string): TableShape {
  const columns = (db.pragma(`table_info(${name})`) as ColumnInfo[]).map(
    (c) => `${c.name} ${c.type} ${c.notnull ? 'notnull' : 'null'}${c.pk ? ` pk${c.pk}` : ''}`,
  );
  const indexes = (db.pragma(`index_list(${name})`) as { name: string; origin: string }[])
    .filter((i) => i.origin === 'c')
    .map((i) => {
      const cols = (db.pragma(`index_info(${i.name})`) as { name: string }[]).map((c) => c.name);
      return `${i.name} (${cols.join(', ')})`;
    })
    .sort();
  const foreignKeys = (db.pragma(`foreign_key_list(${name})`) as ForeignKeyInfo[]).map(
    (f) => `${f.from} -> ${f.table}.${f.to} ON DELETE ${f.on_delete}`,
  );
  const shape: TableShape = { columns };
  if (indexes.length) shape.indexes = indexes;
  if (foreignKeys.length) shape.foreignKeys = foreignKeys;
  if (/WITHOUT ROWID\s*$/i.test(sql.trim())) shape.withoutRowid = true;
  return shape;
}

export function schemaOf(db: Database.Database): Schema {
  const out: Schema = {};
  for (const { name, sql } of tableNames(db)) out[name] = shapeOf(db, name, sql);
  return out;
}

/** Every row of every table, ordered by all its columns, to show that a migration kept them. */
export function contentsOf(db: Database.Database): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const { name } of tableNames(db)) {
    const columns = (db.pragma(`table_info(${name})`) as ColumnInfo[]).map((_, i) => i + 1);
    out[name] = db.prepare(`SELECT * FROM ${name} ORDER BY ${columns.join(', ')}`).all();
  }
  return out;
}

/** A new database file migrated to `version` (0: empty), with foreign keys on as a vault has. */
export function databaseAt(temp: TempDirs, version: number): Database.Database {
  const db = new Database(join(temp.make(), 'vault.db'));
  db.pragma('foreign_keys = ON');
  migrate(db, version);
  return db;
}

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
