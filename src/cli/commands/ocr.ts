import type { Command } from 'commander';
import {
  OCR_LANGUAGES,
  type OcrLanguage,
  type OcrProgress,
  type OcrRecord,
  parseOcrLanguages,
} from '../../shared/attachments/ocr';
import {
  type SerializedError,
  InvalidInputError,
  VaultError,
  toSerializedError,
} from '../../shared/errors';
import type { AttachmentInfo } from '../../core/attachments/attachment-store';
import { OcrEngine } from '../../core/attachments/ocr/ocr-worker';
import type { Vault } from '../../core/vault/vault';
import { globalOptions, output, withVault } from '../context';
import { safeInline } from '../format';
import { endProgress, exitStatus } from '../progress';

/**
 * tvault ocr ATTACHMENT_ID | --pending, and the OCR step of `tvault attach --ocr`: a thin adapter
 * over vault.attachments.recognize (docs/attachments.md, "Text from images"). One file at a
 * time; Ctrl-C cancels the running recognition and leaves the vault as it was.
 */
/** Some image gave no text (damaged, too large, limit hit): the bad-input code, as OCR.FAILED. */
export const OCR_FAILED_EXIT = 2;

export interface OcrOutcome {
  id: string;
  /** The file's name, for the person at the terminal (the message itself names only the id). */
  name: string;
  ok: boolean;
  ocr?: OcrRecord;
  error?: SerializedError;
}

export function parseLangOption(value: string | undefined): OcrLanguage[] | undefined {
  if (value === undefined) return undefined;
  const languages = parseOcrLanguages(value);
  if (!languages)
    throw new InvalidInputError(
      `Unknown OCR language "${safeInline(value).slice(0, 40)}": use ${OCR_LANGUAGES.join(', ')}, combined with + (ara+eng), or a language tag (ar, fr).`,
    );
  return languages;
}

/** Runs OCR on each file in turn; a file that fails is reported and the next one runs. */
export async function recognizeAll(
  vault: Vault,
  files: AttachmentInfo[],
  languages: OcrLanguage[] | undefined,
  json: boolean,
): Promise<OcrOutcome[]> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const outcomes: OcrOutcome[] = [];
  // One engine for the whole run: its language data is loaded once, not once per file or page.
  const engine = new OcrEngine();
  try {
    for (const [index, file] of files.entries()) {
      const label = `OCR ${index + 1}/${files.length} ${safeInline(file.name).slice(0, 40)}`;
      const onProgress = terminalOcrProgress(json, label);
      try {
        const ocr = await vault.attachments.recognize(file.id, {
          ...(languages ? { languages } : {}),
          signal: controller.signal,
          engine,
          ...(onProgress ? { onProgress } : {}),
        });
        outcomes.push({ id: file.id, name: file.name, ok: true, ocr });
      } catch (error) {
        // Cancelling stops the whole run; a bad image only its own file.
        if (!(error instanceof VaultError) || error.code === 'CANCELLED') throw error;
        outcomes.push({ id: file.id, name: file.name, ok: false, error: toSerializedError(error) });
      } finally {
        if (onProgress) endProgress();
      }
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
    await engine.close();
  }
  if (outcomes.some((outcome) => !outcome.ok)) exitStatus.code = OCR_FAILED_EXIT;
  return outcomes;
}

function terminalOcrProgress(
  json: boolean,
  label: string,
): ((progress: OcrProgress) => void) | undefined {
  if (json || !process.stderr.isTTY) return undefined;
  let last = '';
  return (progress) => {
    const line = formatOcrProgress(label, progress);
    if (line === last) return;
    last = line;
    process.stderr.write(`\r\u001b[2K${line}`);
  };
}

/** One progress line: the file, for a PDF the page, the engine's stage and the whole file's %. */
export function formatOcrProgress(label: string, progress: OcrProgress): string {
  const page =
    progress.page !== undefined && progress.pages !== undefined
      ? ` page ${progress.page}/${progress.pages},`
      : '';
  return `${label}:${page} ${progress.stage} ${Math.floor(progress.fraction * 100)}%`;
}

export function formatOutcome(outcome: OcrOutcome): string {
  if (outcome.ok && outcome.ocr)
    return `${outcome.id}  text recognised (${outcome.ocr.languages.join('+')}, confidence ${outcome.ocr.confidence}${outcome.ocr.pages !== undefined ? `, ${outcome.ocr.pages} page(s) read as images` : ''})`;
  return `${outcome.id}  ${safeInline(outcome.name).slice(0, 60)}  no text: ${outcome.error?.message ?? 'failed'}`;
}

export function registerOcrCommand(program: Command): void {
  program
    .command('ocr')
    .description('recognise the text of images and scanned PDFs (offline) so that search finds it')
    .argument('[attachment-id]', 'attachment id (or a unique prefix)')
    .option('--pending', 'every image, and every PDF without text, not recognised yet')
    .option(
      '--lang <langs>',
      `OCR languages (${OCR_LANGUAGES.join(', ')}, combined with +); default: from the testimony's language`,
    )
    .action(
      async (
        id: string | undefined,
        opts: { pending?: boolean; lang?: string },
        command: Command,
      ) => {
        const options = globalOptions(command);
        const out = output(options);
        if ((id === undefined) === (opts.pending !== true))
          throw new InvalidInputError('Give one attachment id, or --pending.');
        const languages = parseLangOption(opts.lang);
        const outcomes = await withVault(options, (vault) => {
          const files =
            id === undefined
              ? vault.attachments.pendingOcr()
              : [vault.attachments.get(vault.attachments.resolveId(id))];
          return recognizeAll(vault, files, languages, out.json);
        });
        // One file asked for by id: its failure is the command's typed error.
        const single = id !== undefined ? outcomes[0] : undefined;
        if (single && !single.ok && single.error) {
          exitStatus.code = 0;
          throw new VaultError(single.error.code, single.error.message, single.error.details);
        }
        out.result({ ocr: outcomes }, () =>
          outcomes.length ? outcomes.map(formatOutcome).join('\n') : '(no images waiting for OCR)',
        );
      },
    );
}
