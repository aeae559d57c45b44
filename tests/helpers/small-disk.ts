import { spawnSync } from 'node:child_process';
import {
  closeSync,
  ftruncateSync,
  fstatSync,
  mkdtempSync,
  openSync,
  readdirSync,
  rmSync,
  rmdirSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A small file system of its own (a tmpfs mounted by the test), to fill up or make read-only
 * without touching the machine's disks. Needs root (CI and this project's machines run tests
 * as root); elsewhere `mounted` is false and `reason` says why, for the test to skip with.
 *
 *   const disk = mountSmallDisk(8 * 1024);  // at collection time, so describe.skipIf works
 *   afterAll(() => disk.unmount());
 *   disk.fill(64);                          // leave 64 KiB free
 */
export interface SmallDisk {
  mounted: boolean;
  /** Why the disk could not be mounted (when `mounted` is false). */
  reason: string;
  /** The mount point. */
  root: string;
  /** Fills the disk with one filler file until only `leaveKiB` KiB are free. */
  fill(leaveKiB: number): void;
  /** Removes the filler file. */
  unfill(): void;
  /** Remounts read-only (true) or read-write (false). */
  readOnly(on: boolean): void;
  /** Empties the disk (read-write again) for the next test. */
  clear(): void;
  /** Names on the disk, recursively, relative to the root, sorted; the filler left out. */
  listing(): string[];
  unmount(): void;
}

const FILLER = '.filler';

export function mountSmallDisk(sizeKiB: number): SmallDisk {
  const root = mkdtempSync(join(tmpdir(), 'tvault-small-disk-'));
  const mount = spawnSync(
    'mount',
    ['-t', 'tmpfs', '-o', `size=${sizeKiB}k,mode=0700`, 'tmpfs', root],
    {
      encoding: 'utf8',
    },
  );
  const mounted = mount.status === 0;
  const reason = mounted
    ? ''
    : `mounting a tmpfs was refused (${(mount.stderr || mount.error?.message || 'not root?').trim()})`;
  const run = (args: string[]) => {
    const result = spawnSync('mount', args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`mount ${args.join(' ')}: ${result.stderr}`);
  };
  const disk: SmallDisk = {
    mounted,
    reason,
    root,
    fill(leaveKiB) {
      const fd = openSync(join(root, FILLER), 'a');
      try {
        const chunk = Buffer.alloc(64 * 1024);
        for (;;) {
          try {
            writeSync(fd, chunk);
          } catch (error) {
            if ((error as { code?: string }).code !== 'ENOSPC') throw error;
            break;
          }
        }
        // A full write fails whole on tmpfs; top up with single pages until nothing fits.
        const page = Buffer.alloc(4096);
        for (;;) {
          try {
            writeSync(fd, page);
          } catch {
            break;
          }
        }
        const size = fstatSync(fd).size;
        ftruncateSync(fd, Math.max(0, size - leaveKiB * 1024));
      } finally {
        closeSync(fd);
      }
    },
    unfill() {
      rmSync(join(root, FILLER), { force: true });
    },
    readOnly(on) {
      run(['-o', `remount,${on ? 'ro' : 'rw'}`, root]);
    },
    clear() {
      disk.readOnly(false);
      for (const name of readdirSync(root))
        rmSync(join(root, name), { recursive: true, force: true });
    },
    listing() {
      const names: string[] = [];
      const walk = (dir: string, prefix: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
          if (prefix === '' && entry.name === FILLER) continue;
          names.push(prefix + entry.name);
          if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
        }
      };
      walk(root, '');
      return names.sort();
    },
    unmount() {
      if (mounted) spawnSync('umount', [root]);
      rmdirSync(root);
    },
  };
  return disk;
}
