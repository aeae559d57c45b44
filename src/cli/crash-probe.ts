import { readSync, writeSync } from 'node:fs';

/**
 * A test-only hook for the crash harness (bench/crash, docs/security.md, "Crash harness"). With
 * TVAULT_TEST_CRASH_PROBE=1 the CLI, once the vault is unlocked (where a command's writes
 * begin), writes this line on stderr and blocks on a read of file descriptor 3 until the
 * harness writes a byte there. The harness arms its kill timer as it releases the process, so
 * an instant a few milliseconds after the unlock lands a few milliseconds into the command's
 * writes, free of the start-up's jitter (hundreds of milliseconds on a loaded machine) that
 * made instants timed from the start miss short windows such as passwd's. Unset, it does
 * nothing; with no descriptor 3 it only prints the line.
 */
export const CRASH_PROBE_LINE = 'tvault-crash-probe: unlocked';

export function crashProbe(): void {
  if (process.env.TVAULT_TEST_CRASH_PROBE !== '1') return;
  writeSync(2, `${CRASH_PROBE_LINE}\n`);
  try {
    readSync(3, Buffer.alloc(1));
  } catch {
    // No harness on descriptor 3: nothing to wait for.
  }
}
