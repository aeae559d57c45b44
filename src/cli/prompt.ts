import { createInterface } from 'node:readline';

/**
 * Reads a secret from the terminal without echoing it. Only used when the matching environment
 * variable is not set; a secret is never accepted as a command-line argument (it would be
 * visible in the process list and the shell history).
 */
export async function promptSecret(question: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) return readLineFromPipe();
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let secret = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const finish = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.removeListener('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(secret);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new Error('cancelled'));
        if (ch === '\u007f' || ch === '\b') secret = [...secret].slice(0, -1).join('');
        else if (ch >= ' ') secret += ch;
      }
    };
    input.on('data', onData);
  });
}

/**
 * Non-interactive use (a pipe): read one line from stdin. No question is printed: nobody reads
 * it, and it would glue itself to the start of the error line when the pipe is empty.
 */
async function readLineFromPipe(): Promise<string> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of rl) return line;
    throw new Error('no input');
  } finally {
    rl.close();
  }
}

/** Asks a yes/no (or typed) confirmation on the terminal; false when there is no terminal. */
export async function confirm(question: string, expected: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await new Promise<string>((resolve) => rl.question(question, resolve));
    return answer.trim().toLowerCase() === expected.toLowerCase();
  } finally {
    rl.close();
  }
}
