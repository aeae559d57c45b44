import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initVaultWithCli, runCli, runCliJson } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dirs';
import { FILES, fixture, folderDigest } from './helpers';

const temp = useTempDirs();

describe('tvault import --from', () => {
  it('--dry-run prints the plan and writes nothing; the import then reports the same', async () => {
    const dir = join(temp.make(), 'vault');
    await initVaultWithCli(dir);
    const v = ['--vault', dir];
    const xml = fixture('martus', 'bulletins.xml');
    const before = folderDigest(dir);
    const dry = await runCli([
      ...v,
      'import',
      xml,
      '--from',
      'martus',
      '--files',
      FILES,
      '--dry-run',
    ]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('Dry run, nothing written. Would import from martus: 2 new');
    expect(dry.stdout).toContain('2 record(s) without consent');
    expect(dry.stdout).toContain('record 1, file 4: refused');
    expect(dry.stdout).toContain('Not imported (unmapped source fields): witnesses');
    expect(folderDigest(dir)).toEqual(before);

    const done = await runCliJson<Record<string, unknown>>([...v, 'import', xml, '--files', FILES]);
    expect(done.code).toBe(0);
    expect(done.json).toMatchObject({
      imported: 2,
      source: 'martus',
      created: 2,
      updated: 0,
      withoutConsent: 2,
      attachments: { attached: 2 },
      unmapped: ['witnesses'],
    });

    const bad = await runCli([...v, 'import', xml, '--map', fixture('kobo', 'mapping.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('is for --from kobo, not martus');
  });
});
