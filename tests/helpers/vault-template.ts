import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/**
 * A vault built once per test file (each CLI run costs a process start and an unlock) and
 * copied, folder and all, for each test that needs one to change. `build` makes the vault in
 * the folder it is given and returns what the tests need to know of it (ids); every copy has
 * the same ids, records and keys.
 *
 *   const template = useVaultTemplate(async (dir) => { await initVaultWithCli(dir); ... });
 *   const { dir, facts } = await template.copy(join(somewhere, 'vault'));
 */
export interface VaultTemplate<T> {
  /** Builds the template on first use; copies it to `dest` (which must not exist yet). */
  copy(dest: string): Promise<{ dir: string; facts: T }>;
}

export function useVaultTemplate<T>(build: (dir: string) => Promise<T>): VaultTemplate<T> {
  let root: string | null = null;
  let built: Promise<T> | null = null;
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });
  return {
    async copy(dest) {
      if (!built) {
        root = mkdtempSync(join(tmpdir(), 'tvault-template-'));
        built = build(join(root, 'vault'));
      }
      const facts = await built;
      cpSync(join(root!, 'vault'), dest, { recursive: true });
      return { dir: dest, facts };
    },
  };
}
