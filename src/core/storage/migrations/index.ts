import type Database from 'better-sqlite3';
import { UnsupportedVersionError } from '../../../shared/errors';
import { migration001 } from './001-first-schema';
import { migration002 } from './002-search-pending';
import { migration003 } from './003-received-bundles-to-reseal';
import { migration004 } from './004-custody-log';
import { migration005 } from './005-import-sources';
import { migration006 } from './006-team';
import { migration007 } from './007-vocabulary';
import { migration008 } from './008-revisions-by-record';
import { migration009 } from './009-custody-log-layout';
import { migration010 } from './010-rows-appended';
import type { Migration } from './migration';

export type { Migration } from './migration';

/**
 * Schema migrations, in order; migration N (file NNN-*.ts) brings user_version from N-1 to N.
 * A new migration is the next file and the next line here (tests/storage/migrations/ checks the
 * list is 1..N and tests each one on a database at N-1 with rows).
 */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Runs each migration above user_version up to `target`, each in its own transaction. */
export function migrate(db: Database.Database, target: number = SCHEMA_VERSION): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SCHEMA_VERSION) {
    throw new UnsupportedVersionError('Vault database', current, SCHEMA_VERSION);
  }
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
