import type { ImportProgress } from '../core/import/run-import';

/** How often the line may be rewritten: often enough to move, rarely enough to cost nothing. */
export const IMPORT_PROGRESS_INTERVAL_MS = 200;

/** "Importing: 12,300 records, 31.2 of 250.0 MB (12%)"; records only when bytes are unknown. */
export function importProgressLine(progress: ImportProgress): string {
  const records = `${progress.records.toLocaleString('en')} records`;
  if (progress.bytesRead === null || progress.fileBytes === 0) return `Importing: ${records} read`;
  const done = Math.min(progress.bytesRead, progress.fileBytes);
  const percent = Math.floor((done / progress.fileBytes) * 100);
  return `Importing: ${records}, ${megabytes(done)} of ${megabytes(progress.fileBytes)} MB (${percent}%)`;
}

function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}

/**
 * The import's progress on a terminal: the line is rewritten at most every
 * IMPORT_PROGRESS_INTERVAL_MS (the command clears it when done, endProgress). Without a terminal
 * (`stream.isTTY` false: a pipe, a file, --json captured) returns undefined: no output at all.
 */
export function importProgress(
  stream: { isTTY?: boolean; write(text: string): unknown } = process.stderr,
  now: () => number = Date.now,
): ((progress: ImportProgress) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let lastAt = -Infinity;
  let last = '';
  return (progress) => {
    if (now() - lastAt < IMPORT_PROGRESS_INTERVAL_MS) return;
    const line = importProgressLine(progress);
    if (line === last) return;
    lastAt = now();
    last = line;
    stream.write(`\r\u001b[2K${line}`);
  };
}
