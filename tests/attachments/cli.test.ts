import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, runCliJson } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dirs';
import { sha256Hex } from './helpers';

const temp = useTempDirs();

interface Listed {
  attachments: { id: string; name: string; size: number; sha256: string; mime: string }[];
}

async function setup() {
  const vault = temp.path('vault');
  const work = temp.make();
  expect((await runCli(['--vault', vault, 'init'])).code).toBe(0);
  const added = await runCliJson<{ id: string }>(['--vault', vault, 'add', '--title', 'T']);
  return { vault, work, recordId: added.json.id };
}

describe('tvault attach / attachments / extract / detach', () => {
  it('attach prints id, name, size, sha256, mime per file; attachments lists the same shape', async () => {
    const { vault, work, recordId } = await setup();
    const text = Buffer.from('A testimony transcript.\n');
    const binary = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
    ]);
    writeFileSync(join(work, 'notes.txt'), text);
    writeFileSync(join(work, 'photo.png'), binary);
    const attached = await runCliJson<Listed>([
      '--vault',
      vault,
      'attach',
      recordId.slice(0, 8),
      join(work, 'notes.txt'),
      join(work, 'photo.png'),
      '--description',
      'from the hearing',
    ]);
    expect(attached.code, attached.stderr).toBe(0);
    expect(attached.json.attachments).toHaveLength(2);
    const [a, b] = attached.json.attachments;
    expect(Object.keys(a!).sort()).toEqual(['id', 'mime', 'name', 'sha256', 'size']);
    expect(a).toMatchObject({
      name: 'notes.txt',
      size: text.length,
      sha256: sha256Hex(text),
      mime: 'text/plain',
    });
    expect(b).toMatchObject({
      name: 'photo.png',
      size: binary.length,
      sha256: sha256Hex(binary),
      mime: 'image/png',
    });

    const listed = await runCliJson<Listed>(['--vault', vault, 'attachments', recordId]);
    expect(listed.code).toBe(0);
    expect(listed.json).toEqual(attached.json);

    const human = await runCli(['--vault', vault, 'attachments', recordId]);
    expect(human.stdout).toContain(a!.id);
    expect(human.stdout).toContain('from the hearing');
    expect(human.stdout).toContain(a!.sha256);
  });

  it('extract writes the verified file, refuses to overwrite without --force', async () => {
    const { vault, work, recordId } = await setup();
    const content = Buffer.from('evidence bytes '.repeat(10_000));
    writeFileSync(join(work, 'in.bin'), content);
    const { json } = await runCliJson<Listed>([
      '--vault',
      vault,
      'attach',
      recordId,
      join(work, 'in.bin'),
    ]);
    const id = json.attachments[0]!.id;
    const out = join(work, 'out.bin');

    const extracted = await runCliJson(['--vault', vault, 'extract', id, '--out', out]);
    expect(extracted.code, extracted.stderr).toBe(0);
    expect(extracted.json).toEqual({
      path: out,
      size: content.length,
      sha256: sha256Hex(content),
      verified: true,
    });
    expect(readFileSync(out).equals(content)).toBe(true);

    writeFileSync(out, 'do not lose me');
    const refused = await runCliJson<{ error: { code: string; message: string } }>([
      '--vault',
      vault,
      'extract',
      id,
      '--out',
      out,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.json.error.code).toBe('FILE.EXISTS');
    // The command line names the flag that gets past it; the core's message (the app's too) not.
    expect(refused.json.error.message).toBe(`${out} already exists; use --force to overwrite it`);
    expect(readFileSync(out, 'utf8')).toBe('do not lose me');
    expect(readdirSync(work).sort()).toEqual(['in.bin', 'out.bin']);

    const forced = await runCliJson([
      '--vault',
      vault,
      'extract',
      id.slice(0, 10),
      '--out',
      out,
      '--force',
    ]);
    expect(forced.code).toBe(0);
    expect(readFileSync(out).equals(content)).toBe(true);

    const missingOut = await runCli(['--vault', vault, 'extract', id]);
    expect(missingOut.code).toBe(2);
  });

  it('unknown ids and missing files are clear errors; nothing is half attached', async () => {
    const { vault, work, recordId } = await setup();
    writeFileSync(join(work, 'ok.txt'), 'fine');
    const unknownRecord = await runCliJson<{ error: { code: string } }>([
      '--vault',
      vault,
      'attach',
      'f'.repeat(32),
      join(work, 'ok.txt'),
    ]);
    expect(unknownRecord.code).toBe(4);
    expect(unknownRecord.json.error.code).toBe('RECORD.NOT_FOUND');

    const missing = await runCliJson<{ error: { code: string; message: string } }>([
      '--vault',
      vault,
      'attach',
      recordId,
      join(work, 'ok.txt'),
      join(work, 'missing.txt'),
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.json.error.code).toBe('FILE.IO');
    expect(missing.json.error.message).toContain('missing.txt');
    expect(
      (await runCliJson<Listed>(['--vault', vault, 'attachments', recordId])).json.attachments,
    ).toEqual([]);
    expect(readdirSync(join(vault, 'blobs'))).toEqual([]);

    for (const args of [
      ['extract', '0'.repeat(32), '--out', join(work, 'x')],
      ['extract', 'abcdef', '--out', join(work, 'x')],
      ['detach', '0'.repeat(32)],
      ['detach', '../../vault.db'],
      ['attachments', '0'.repeat(32)],
    ]) {
      const result = await runCliJson<{ error: { code: string } }>(['--vault', vault, ...args]);
      expect(result.code, args.join(' ')).toBe(4);
      expect(result.json.error.code).toMatch(/NOT_FOUND$/);
    }
    expect(existsSync(join(work, 'x'))).toBe(false);
  });

  it('detach deletes the attachment and its blob', async () => {
    const { vault, work, recordId } = await setup();
    writeFileSync(join(work, 'a.txt'), 'a');
    const { json } = await runCliJson<Listed>([
      '--vault',
      vault,
      'attach',
      recordId,
      join(work, 'a.txt'),
    ]);
    const id = json.attachments[0]!.id;
    expect(readdirSync(join(vault, 'blobs'))).toEqual([id]);
    const detached = await runCliJson(['--vault', vault, 'detach', id]);
    expect(detached.code).toBe(0);
    expect(detached.json).toEqual({ detached: id });
    expect(readdirSync(join(vault, 'blobs'))).toEqual([]);
    expect(
      (await runCliJson<Listed>(['--vault', vault, 'attachments', recordId])).json.attachments,
    ).toEqual([]);
    expect((await runCli(['--vault', vault, 'detach', id])).code).toBe(4);
  });

  it('hostile file names are kept exactly in JSON and shown escaped in text', async () => {
    const { vault, work, recordId } = await setup();
    const name = 'report\u202Egpj.exe\u0007\u001b[31m.txt';
    writeFileSync(join(work, name), 'x');
    const attached = await runCliJson<Listed>([
      '--vault',
      vault,
      'attach',
      recordId,
      join(work, name),
    ]);
    expect(attached.code, attached.stderr).toBe(0);
    expect(attached.json.attachments[0]!.name).toBe(name);
    const human = await runCli(['--vault', vault, 'attachments', recordId]);
    expect(human.stdout).not.toContain('\u202E');
    expect(human.stdout).not.toContain('\u001b');
    expect(human.stdout).not.toContain('\u0007');
    expect(human.stdout).toContain('report\\u{202e}gpj.exe\\u{7}\\u{1b}[31m.txt');
    const attachHuman = await runCli(['--vault', vault, 'attach', recordId, join(work, name)]);
    expect(attachHuman.stdout).not.toContain('\u202E');
  });
});
