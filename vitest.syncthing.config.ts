import { defineConfig } from 'vitest/config';

/**
 * `npm run test:syncthing`: the team test with real Syncthing instances (tests/syncthing/),
 * kept out of `npm test` (slow, needs the syncthing binary; skipped with a message without it).
 */
export default defineConfig({
  test: {
    include: ['tests/syncthing/**/*.syncthing.ts'],
    testTimeout: 300_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { TVAULT_TEST_KDF: '1' },
  },
});
