import { spawnSync } from 'node:child_process';
import { afterEach } from 'vitest';

/**
 * File-system faults a test can inject even as root (where chmod does not stop anything):
 * the immutable attribute (`chattr +i`) makes a file unwritable and a folder unchangeable
 * (no file created, renamed or removed in it) for every user. Undone after each test.
 * Returns false where the file system or the user cannot set it (the test then says so).
 */
export function useImmutable(): { set(path: string): boolean } {
  const set: string[] = [];
  afterEach(() => {
    for (const path of set.splice(0)) spawnSync('chattr', ['-i', path]);
  });
  return {
    set(path: string): boolean {
      const result = spawnSync('chattr', ['+i', path]);
      if (result.status !== 0) return false;
      set.push(path);
      return true;
    },
  };
}
