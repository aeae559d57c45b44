import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tvaultOk } from './cli';

/**
 * Marks every piece of testimony text and file content the harness puts into a vault: finding
 * it (in either case: the search index folds case) in any file of a vault or output folder is
 * plaintext on disk.
 */
export const MARKER = 'ZQXCRASHPLAIN';

export interface FixtureSizes {
  /** Records in the vault every kill starts from. */
  baseRecords: number;
  /** Records of the JSONL file `import` reads. */
  importRecords: number;
  /** Records of the partner's bundle `receive` reads. */
  bundleRecords: number;
  /** Size of the file `attach` reads and of the attachment `extract` writes. */
  attachMiB: number;
}

/** What each kill starts from: a template vault (copied per kill) and the inputs it reads. */
export interface Fixture {
  /** The vault copied before each kill; never written after it is built. */
  template: string;
  importFile: string;
  attachFile: string;
  bundleFile: string;
  /** A record with 2 revisions and one attachment (delete, restore-revision, attach). */
  recordId: string;
  attachmentId: string;
  attachmentSha256: string;
  /** The partner the template exports to. */
  partner: string;
}

const consent = { status: 'given', scope: 'share-with-partners' };

function jsonl(path: string, count: number, what: string): void {
  const body = `${MARKER} what the witness told about ${what}, slowly and in detail. `.repeat(8);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(JSON.stringify({ title: `${MARKER} ${what} ${i}`, body: `${body}${i}`, consent }));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

function evidence(path: string, mib: number): void {
  const block = Buffer.alloc(1024 * 1024);
  for (let at = 0; at < block.length; at += 64) block.write(`${MARKER} evidence bytes ${at} `, at);
  const file: Buffer[] = [];
  for (let i = 0; i < mib; i++) file.push(block);
  writeFileSync(path, Buffer.concat(file));
}

/** Builds the template vault, a partner vault that trusts it both ways, and the inputs. */
export async function buildFixture(work: string, sizes: FixtureSizes): Promise<Fixture> {
  const inputs = join(work, 'inputs');
  mkdirSync(inputs, { recursive: true });
  const template = join(work, 'template');
  const partner = join(work, 'partner');
  const importFile = join(inputs, 'import.jsonl');
  const attachFile = join(inputs, 'evidence.bin');
  const bundleFile = join(inputs, 'from-partner.tvb');
  jsonl(importFile, sizes.importRecords, 'the import');
  jsonl(join(inputs, 'base.jsonl'), sizes.baseRecords, 'the archive');
  jsonl(join(inputs, 'partner.jsonl'), sizes.bundleRecords, 'the partner');
  evidence(attachFile, sizes.attachMiB);

  const t = ['--vault', template];
  const p = ['--vault', partner];
  await tvaultOk(['--vault', template, 'init']);
  await tvaultOk(['--vault', partner, 'init']);
  const own = await tvaultOk<{ identity: string }>([...t, 'identity']);
  const theirs = await tvaultOk<{ identity: string }>([...p, 'identity']);
  await tvaultOk([...t, 'partner', 'add', 'Beta', theirs.identity]);
  await tvaultOk([...t, 'partner', 'verify', 'Beta', '--yes']);
  await tvaultOk([...p, 'partner', 'add', 'Alpha', own.identity]);
  await tvaultOk([...p, 'partner', 'verify', 'Alpha', '--yes']);

  await tvaultOk([...t, 'import', join(inputs, 'base.jsonl')]);
  const added = await tvaultOk<{ id: string }>([
    ...t,
    'add',
    '--title',
    `${MARKER} the record with evidence`,
    '--consent',
    'given',
    '--scope',
    'share-with-partners',
  ]);
  const attached = await tvaultOk<{ attachments: { id: string; sha256: string }[] }>([
    ...t,
    'attach',
    added.id,
    attachFile,
  ]);
  await tvaultOk([...t, 'edit', added.id, '--title', `${MARKER} the record, second revision`]);

  await tvaultOk([...p, 'import', join(inputs, 'partner.jsonl')]);
  await tvaultOk([...p, 'export', '--to', 'Alpha', '--all', '--out', bundleFile, '--yes']);
  return {
    template,
    importFile,
    attachFile,
    bundleFile,
    recordId: added.id,
    attachmentId: attached.attachments[0]!.id,
    attachmentSha256: attached.attachments[0]!.sha256,
    partner: 'Beta',
  };
}
