/**
 * Issue 11, point 10: one long record (hearing transcripts, reports) must not make `tvault
 * search` pathological. A record of several MB without a language, searched by the CLI with
 * its heap capped: indexing it, ranking it and cutting its snippet must fit (before the fix the
 * snippet held every token of the text as an object and analysed each one in 17 languages).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCorpus } from '../../bench/corpus';
import { initVaultWithCli, runCli, runCliJson } from '../helpers/cli';
import { useTempDirs } from '../helpers/temp-dirs';

const temp = useTempDirs('tvault-long-record-');

/** About `chars` characters of Spanish testimony text from the benchmark's seeded corpus. */
function spanishText(chars: number): string {
  const corpus = createCorpus(5);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < chars; i++) {
    const doc = corpus.doc(i);
    if (doc.lang !== 'es') continue;
    parts.push(doc.body);
    size += doc.body.length + 1;
  }
  return parts.join('\n');
}

describe('a long record', () => {
  it('is indexed and found, with a snippet, by a CLI whose heap is capped at 160 MB', async () => {
    const dir = temp.path();
    await initVaultWithCli(dir);
    const body = `La audiencia comenzó con el testimonio de la defensora Quispe.\n${spanishText(2_000_000)}`;
    const file = join(temp.make(), 'transcript.txt');
    writeFileSync(file, body);
    // No --lang: the language is detected, as for most imported transcripts.
    const added = await runCli([
      '--vault',
      dir,
      'add',
      '--title',
      'Audiencia',
      '--body-file',
      file,
    ]);
    expect(added.code, added.stderr).toBe(0);

    const capped = { env: { NODE_OPTIONS: '--max-old-space-size=160' }, timeoutMs: 120_000 };
    const found = await runCliJson<{ results: { snippet: string }[]; total: number }>(
      ['--vault', dir, 'search', 'quispe'],
      capped,
    );
    expect(found.code, found.stderr).toBe(0);
    expect(found.json.total).toBe(1);
    expect(found.json.results[0]?.snippet).toContain('Quispe');

    const phrase = await runCliJson<{ total: number }>(
      ['--vault', dir, 'search', '"testimonio de la defensora"'],
      capped,
    );
    expect(phrase.code, phrase.stderr).toBe(0);
    expect(phrase.json.total).toBe(1);
  });
});
