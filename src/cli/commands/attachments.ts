import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { canOcr } from '../../shared/attachments/ocr';
import { InvalidInputError } from '../../shared/errors';
import type { AttachmentInfo } from '../../core/attachments/attachment-store';
import { FileIoError } from '../../core/attachments/errors';
import type { Vault } from '../../core/vault/vault';
import { globalOptions, output, withVault } from '../context';
import { safeInline } from '../format';
import { formatOutcome, parseLangOption, recognizeAll } from './ocr';

/**
 * tvault attach / attachments / extract / detach: a thin adapter over vault.attachments (the
 * Electron IPC handlers call the same methods). File names are shown through safeInline, so a
 * hostile name (control characters, RTL overrides) cannot rewrite the terminal.
 */
function attachmentJson(info: AttachmentInfo) {
  return { id: info.id, name: info.name, size: info.size, sha256: info.sha256, mime: info.mime };
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

function formatLine(info: AttachmentInfo): string {
  return `${info.id}  ${formatSize(info.size).padStart(10)}  ${info.sha256}  ${safeInline(info.name)}`;
}

function formatDetails(info: AttachmentInfo): string {
  const lines = [
    formatLine(info),
    `    type: ${safeInline(info.mime)}   added: ${info.addedAt}   file modified: ${info.modifiedAt ?? '-'}${info.hasText ? '   text: yes' : ''}${info.textSkipped ? `   text: not extracted (${info.textSkipped})` : ''}`,
  ];
  if (info.ocr)
    lines.push(
      info.ocr.failed
        ? `    OCR: no text (${info.ocr.failed}${info.ocr.failedPage ? `, page ${info.ocr.failedPage} of ${info.ocr.pageCount}` : ''})`
        : `    OCR: ${info.ocr.engine} ${info.ocr.version}, ${info.ocr.languages.join('+')}, confidence ${info.ocr.confidence}`,
    );
  if (info.description) lines.push(`    ${safeInline(info.description)}`);
  return lines.join('\n');
}

/** Progress on stderr, only for people at a terminal. */
function progressReporter(
  json: boolean,
  name: string,
): ((done: number, total: number) => void) | undefined {
  if (json || !process.stderr.isTTY) return undefined;
  let lastPercent = -1;
  return (done, total) => {
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    if (percent === lastPercent) return;
    lastPercent = percent;
    process.stderr.write(`\r${safeInline(name).slice(0, 50)}: ${percent}%`);
    if (done >= total) process.stderr.write('\n');
  };
}

async function attachAll(
  vault: Vault,
  recordId: string,
  files: string[],
  description: string | undefined,
  json: boolean,
): Promise<AttachmentInfo[]> {
  // Check every file first, so that a typo in the third name attaches nothing.
  for (const file of files) {
    let isFile = false;
    try {
      isFile = statSync(file).isFile();
    } catch (error) {
      throw new FileIoError('Cannot read the file to attach', file, error);
    }
    if (!isFile) throw new FileIoError('Not a regular file', file, 'not a file');
  }
  const attached: AttachmentInfo[] = [];
  try {
    for (const file of files) {
      const onProgress = progressReporter(json, file);
      attached.push(
        await vault.attachments.attachFile(recordId, file, {
          ...(description !== undefined ? { description } : {}),
          ...(onProgress ? { onProgress } : {}),
        }),
      );
    }
  } catch (error) {
    // All or nothing: a failure half-way removes what this command attached.
    for (const info of attached) {
      try {
        vault.attachments.detach(info.id);
      } catch {
        // Reported below as the original error; the attachment stays listed.
      }
    }
    throw error;
  }
  return attached;
}

export function registerAttachmentCommands(program: Command): void {
  program
    .command('attach')
    .description('encrypt files into the vault as evidence of a record; prints id, size, SHA-256')
    .argument('<id>', 'record id (or a unique prefix)')
    .argument('<file...>', 'the files to attach')
    .option('--description <text>', 'a description kept with each file')
    .option('--ocr', 'then recognise the text of the attached images and scans (offline)')
    .option('--lang <langs>', "OCR languages (ara+eng, fra...); default: the testimony's")
    .action(
      async (
        id: string,
        files: string[],
        opts: { description?: string; ocr?: boolean; lang?: string },
        command: Command,
      ) => {
        const options = globalOptions(command);
        const out = output(options);
        const languages = parseLangOption(opts.lang);
        const { attached, ocr } = await withVault(options, async (vault) => {
          const attached = await attachAll(
            vault,
            vault.records.resolveId(id),
            files,
            opts.description,
            out.json,
          );
          // The files are stored first: an image OCR cannot read is still kept. A PDF with a
          // text layer is searchable already (its pages without one: `tvault ocr ID`).
          const images = attached.filter((info) => canOcr(info.mime) && !info.hasText);
          const ocr = opts.ocr ? await recognizeAll(vault, images, languages, out.json) : [];
          return { attached, ocr };
        });
        out.result(
          { attachments: attached.map(attachmentJson), ...(opts.ocr ? { ocr } : {}) },
          () => [...attached.map(formatLine), ...ocr.map(formatOutcome)].join('\n'),
        );
      },
    );

  program
    .command('attachments')
    .description("list a record's attachments")
    .argument('<id>', 'record id (or a unique prefix)')
    .action(async (id: string, _opts, command: Command) => {
      const options = globalOptions(command);
      const list = await withVault(options, (vault) =>
        vault.attachments.list(vault.records.resolveId(id)),
      );
      output(options).result({ attachments: list.map(attachmentJson) }, () =>
        list.length ? list.map(formatDetails).join('\n') : '(no attachments)',
      );
    });

  program
    .command('extract')
    .description('decrypt an attachment to a file, verifying every chunk and its SHA-256')
    .argument('<attachment-id>', 'attachment id (or a unique prefix)')
    .requiredOption('--out <path>', 'the file to write')
    .option('--force', 'replace the file if it exists')
    .action(async (id: string, opts: { out: string; force?: boolean }, command: Command) => {
      const options = globalOptions(command);
      if (!opts.out) throw new InvalidInputError('extract needs --out PATH.');
      const result = await withVault(options, (vault) =>
        vault.extractAttachment(vault.attachments.resolveId(id), opts.out, {
          force: opts.force === true,
        }),
      );
      output(options).result(
        { path: result.path, size: result.size, sha256: result.sha256, verified: result.verified },
        () =>
          `Extracted ${safeInline(result.path)} (${formatSize(result.size)}), SHA-256 ${result.sha256} verified`,
      );
    });

  program
    .command('detach')
    .description('delete an attachment and its encrypted file for good')
    .argument('<attachment-id>', 'the full attachment id (32 characters)')
    .action(async (id: string, _opts, command: Command) => {
      const options = globalOptions(command);
      await withVault(options, (vault) => vault.attachments.detach(id));
      output(options).result({ detached: id }, () => `Detached ${id}`);
    });
}
