import type { Command } from 'commander';
import { globalOptions, output, withVault } from '../context';
import { safeInline } from '../format';
import { foldedNames } from '../../shared/vocabulary/match';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Marks highlighted ranges for a terminal (bold) or leaves plain text for pipes. */
function highlight(text: string, ranges: [number, number][], tty: boolean): string {
  if (!tty || ranges.length === 0) return safeInline(text);
  let out = '';
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (start < at) continue;
    out +=
      safeInline(text.slice(at, start)) +
      '\u001b[1m' +
      safeInline(text.slice(start, end)) +
      '\u001b[22m';
    at = end;
  }
  return out + safeInline(text.slice(at));
}

export function registerSearchCommands(program: Command): void {
  program
    .command('search')
    .description(
      'search the testimonies: words (all needed), "quoted phrases", a OR b, -word and -"phrase" (left out), the last word as a prefix',
    )
    .argument('<query...>', 'what to look for (quote it as one argument, or put it after --)')
    // "-word" is part of the query, not an option: unknown dashed words go to the query.
    .allowUnknownOption()
    .option('--limit <n>', 'how many results at most', (v) => Number.parseInt(v, 10), 20)
    .option('--tag <tag>', 'only records with this tag; repeat for several', collect)
    .option('--lang <bcp47>', 'only records in this language; repeat for several', collect)
    .option(
      '--concept <id|name>',
      'only records with a tag that is a name of this vocabulary concept (any language); repeat for several',
      collect,
    )
    .action(
      async (
        words: string[],
        opts: { limit: number; tag?: string[]; lang?: string[]; concept?: string[] },
        command: Command,
      ) => {
        const options = globalOptions(command);
        const query = words.join(' ');
        const response = await withVault(options, (vault) =>
          vault.search.search(query, {
            limit: Number.isFinite(opts.limit) ? opts.limit : 20,
            filters: {
              ...(opts.tag ? { tags: opts.tag } : {}),
              ...(opts.lang ? { langs: opts.lang } : {}),
              ...(opts.concept
                ? {
                    anyTags: opts.concept.map((c) => [...foldedNames(vault.vocabulary.find(c))]),
                  }
                : {}),
            },
          }),
        );
        const tty = process.stdout.isTTY === true;
        output(options).result(
          {
            results: response.results.map((r) => ({
              id: r.id,
              title: r.title,
              score: r.score,
              snippet: r.snippet,
            })),
            total: response.total,
          },
          () =>
            [
              ...response.results.map(
                (r) =>
                  `${r.id}  ${safeInline(r.title)}\n    ${highlight(r.snippet, r.highlights, tty)}`,
              ),
              `${response.total} match${response.total === 1 ? '' : 'es'}${response.total > response.results.length ? ` (showing ${response.results.length})` : ''}`,
            ].join('\n'),
        );
      },
    );

  program
    .command('reindex')
    .description('rebuild the encrypted search index from the records')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      const result = await withVault(options, (vault) => vault.search.reindexInWorkers());
      output(options).result(result, () => `Indexed ${result.documents} record(s).`);
    });
}
