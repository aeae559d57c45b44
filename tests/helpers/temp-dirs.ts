import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/**
 * Temporary folders that are removed after each test, whatever the test's outcome.
 *
 *   const temp = useTempDirs();          // at the top of a describe block or file
 *   const dir = temp.make();             // a new empty folder
 *   const vaultDir = temp.path('vault'); // a path that does not exist yet (for init / create)
 */
export interface TempDirs {
  /** A new, empty folder. */
  make(): string;
  /** A fresh path inside a new temporary folder; nothing exists there yet. */
  path(name?: string): string;
}

export function useTempDirs(prefix = 'tvault-test-'): TempDirs {
  const created: string[] = [];
  afterEach(() => {
    for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  const make = () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    created.push(dir);
    return dir;
  };
  return { make, path: (name = 'vault') => join(make(), name) };
}
