/**
 * One schema migration: it brings user_version from `version - 1` to `version`. Its SQL runs
 * once, in its own transaction (index.ts). Rows hold only opaque ids and ciphertext. Never edit a
 * released migration: add the next one (one file each, listed in index.ts, tested in
 * tests/storage/migrations/).
 */
export interface Migration {
  readonly version: number;
  /** Why the schema changed, for the reader and the test names. */
  readonly why: string;
  readonly sql: string;
}
