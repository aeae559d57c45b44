import type Database from 'better-sqlite3';

/**
 * Rows shaped like a vault's (opaque ids, ciphertext stand-ins) for the tables each version
 * added, so every migration test runs on a database that holds data, not an empty schema.
 */
const bytes = (...values: number[]) => Buffer.from(values);

/** Tables of version 1. */
export function seedVersion1(db: Database.Database): void {
  db.prepare("INSERT INTO meta (key, value) VALUES ('vault_id', 'abc')").run();
  db.prepare("INSERT INTO meta (key, value) VALUES ('identity', ?)").run(bytes(9, 9));
  const record = db.prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?)');
  record.run('r1', 'testimony', 2, bytes(1), bytes(2));
  record.run('r2', 'incident', 1, bytes(3), bytes(4));
  const revision = db.prepare('INSERT INTO revisions VALUES (?, ?, ?)');
  revision.run('r1', 1, bytes(5));
  revision.run('r1', 2, bytes(6));
  revision.run('r2', 1, bytes(7));
  db.prepare('INSERT INTO attachments VALUES (?, ?, ?, ?, ?)').run(
    'a1',
    'r1',
    bytes(8),
    bytes(9),
    null,
  );
  db.prepare('INSERT INTO search_segments VALUES (?, ?)').run('s1', bytes(10));
  db.prepare('INSERT INTO partners VALUES (?, ?)').run('p1', bytes(11));
  db.prepare('INSERT INTO received_bundles VALUES (?, ?)').run('b1', bytes(12));
}

/** Tables of versions 2 to 4 (5's import_sources is seeded by the tests after it). */
export function seedVersion2(db: Database.Database): void {
  db.prepare('INSERT INTO search_pending VALUES (?)').run('r2');
}

export function seedVersion4(db: Database.Database): void {
  db.prepare('INSERT INTO custody_log (seq, sealed) VALUES (?, ?)').run(1, bytes(13));
  db.prepare('INSERT INTO custody_log (seq, sealed) VALUES (?, ?)').run(2, bytes(14));
  db.prepare('INSERT INTO custody_index VALUES (?, ?)').run(bytes(15), 1);
  db.prepare('INSERT INTO custody_checkpoints VALUES (?, ?, ?)').run(2, bytes(16), bytes(17));
  db.prepare("INSERT INTO meta (key, value) VALUES ('custody_head', ?)").run(bytes(21));
}

/** Version 9's layout of the same log: tags and head in the rows, a block of 64. */
export function seedVersion9(db: Database.Database): void {
  db.prepare('INSERT INTO custody_log VALUES (?, ?, ?, ?)').run(1, bytes(13), null, null);
  db.prepare('INSERT INTO custody_log VALUES (?, ?, ?, ?)').run(2, bytes(14), bytes(15), bytes(21));
  db.prepare('INSERT INTO custody_tag_blocks VALUES (?, ?)').run(64, bytes(22));
  db.prepare('INSERT INTO custody_checkpoints VALUES (?, ?, ?)').run(2, bytes(16), bytes(17));
}

export function seedVersion5(db: Database.Database): void {
  db.prepare('INSERT INTO import_sources VALUES (?, ?, ?)').run(bytes(18), 'r1', bytes(19));
}

export function seedVersion7(db: Database.Database): void {
  db.prepare('INSERT INTO vocabulary VALUES (1, ?)').run(bytes(20));
}

/** Rows for every table up to `version`. */
export function seedUpTo(db: Database.Database, version: number): void {
  if (version >= 1) seedVersion1(db);
  if (version >= 2) seedVersion2(db);
  if (version >= 9) seedVersion9(db);
  else if (version >= 4) seedVersion4(db);
  if (version >= 5) seedVersion5(db);
  if (version >= 7) seedVersion7(db);
}
