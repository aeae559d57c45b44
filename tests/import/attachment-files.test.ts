import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findAttachment } from '../../src/core/import/attachment-files';
import { useTempDirs } from '../helpers/temp-dirs';

const temp = useTempDirs();

describe('attachment names from an export', () => {
  it('finds files in the folder and its subfolders; refuses every way out of it', () => {
    const dir = temp.make();
    const outside = temp.make();
    writeFileSync(join(outside, 'secret.txt'), 'outside');
    mkdirSync(join(dir, 'media'));
    writeFileSync(join(dir, 'media', 'a.txt'), 'a');
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'link.txt'));
    symlinkSync(outside, join(dir, 'linked-dir'));
    expect(findAttachment(dir, 'media/a.txt')).toEqual({ path: join(dir, 'media', 'a.txt') });
    expect(findAttachment(dir, 'media\\a.txt')).toEqual({ path: join(dir, 'media', 'a.txt') });
    for (const name of [
      '../secret.txt',
      'media/../../secret.txt',
      join(outside, 'secret.txt'),
      'C:\\Windows\\win.ini',
      '\\\\server\\share\\x',
      'link.txt',
      'linked-dir/secret.txt',
      'nul\0.txt',
    ]) {
      expect(findAttachment(dir, name)).toEqual({ problem: 'refused' });
    }
    expect(findAttachment(dir, 'media')).toEqual({ problem: 'missing' });
    expect(findAttachment(dir, 'absent.txt')).toEqual({ problem: 'missing' });
  });
});
