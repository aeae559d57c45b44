/**
 * A progress line on stderr, rewritten in place, for people at a terminal only: pipes and
 * --json output stay clean. Returns undefined when there is no terminal.
 */
export function terminalProgress():
  ((label: string, done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let last = '';
  return (label, done, total) => {
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    const line = `${label} ${done}/${total} (${percent}%)`;
    if (line === last) return;
    last = line;
    process.stderr.write(`\r\u001b[2K${line}`);
  };
}

/** Ends the progress line (so the next output starts on a fresh line). */
export function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\u001b[2K');
}

/** The process's exit code once the command returns normally (verify: 6 when problems). */
export const exitStatus = { code: 0 };
