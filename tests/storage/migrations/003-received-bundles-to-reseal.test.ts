import { describe, expect, it } from 'vitest';
import { migrate } from '../../../src/core/storage/migrations';
import { useTempDirs } from '../../helpers/temp-dirs';
import { seedUpTo } from './rows';
import { EXPECTED_SCHEMA, contentsOf, databaseAt, schemaOf, userVersion } from './schema';

const temp = useTempDirs();

/**
 * The SQL half of the re-keying: the rows move aside untouched. The unlock's half (new ids,
 * new keys, the table dropped) is tested on a real vault of version 2 in
 * tests/core/received-bundle-keys.test.ts.
 */
describe('migration 3: received-bundle rows wait to be re-sealed', () => {
  it('moves every received-bundle row, byte for byte, to received_bundles_to_reseal', () => {
    const db = databaseAt(temp, 2);
    try {
      seedUpTo(db, 2);
      const before = contentsOf(db);
      expect(before.received_bundles).toHaveLength(1);
      migrate(db, 3);
      expect(userVersion(db)).toBe(3);
      expect(schemaOf(db)).toEqual(EXPECTED_SCHEMA[3]);
      expect(contentsOf(db)).toEqual({
        ...before,
        received_bundles: [],
        received_bundles_to_reseal: before.received_bundles,
      });
    } finally {
      db.close();
    }
  });
});
