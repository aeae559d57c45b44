import type { Command } from 'commander';
import { InvalidInputError } from '../../shared/errors';
import type { Concept } from '../../shared/vocabulary/concept';
import { exportVocabularyFile, importVocabularyFile } from '../../core/vocabulary/vocabulary-files';
import type { VocabularyFileFormat } from '../../core/vocabulary/file-formats';
import { globalOptions, output, withVault } from '../context';
import { safeInline } from '../format';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** "es=amenazas" -> ['es', 'amenazas']; the language is checked by the core. */
function languageAndText(option: string, value: string): [string, string] {
  const at = value.indexOf('=');
  if (at <= 0) throw new InvalidInputError(`${option} takes LANG=TEXT, for example es=amenazas.`);
  return [value.slice(0, at).trim(), value.slice(at + 1)];
}

interface ConceptOptions {
  name?: string[];
  alt?: string[];
  note?: string[];
}

/** The concept the options describe (validated by the core, like the app's form). */
function conceptFrom(id: string, opts: ConceptOptions): Concept {
  const concept: Concept = { id, prefLabel: {} };
  for (const value of opts.name ?? []) {
    const [lang, text] = languageAndText('--name', value);
    if (concept.prefLabel[lang] !== undefined)
      throw new InvalidInputError(`--name gives two preferred names in "${lang}"; use --alt.`);
    concept.prefLabel[lang] = text;
  }
  for (const value of opts.alt ?? []) {
    const [lang, text] = languageAndText('--alt', value);
    ((concept.altLabel ??= {})[lang] ??= []).push(text);
  }
  for (const value of opts.note ?? []) {
    const [lang, text] = languageAndText('--note', value);
    (concept.scopeNote ??= {})[lang] = text;
  }
  return concept;
}

export function formatConcept(concept: Concept): string {
  const names = Object.entries(concept.prefLabel).map(([lang, name]) => {
    const alt = concept.altLabel?.[lang] ?? [];
    return `${lang}=${safeInline(name)}${alt.length ? ` (${alt.map(safeInline).join(', ')})` : ''}`;
  });
  const altOnly = Object.entries(concept.altLabel ?? {})
    .filter(([lang]) => concept.prefLabel[lang] === undefined)
    .map(([lang, alt]) => `${lang}: (${alt.map(safeInline).join(', ')})`);
  return `${concept.id}  ${[...names, ...altOnly].join('  ')}`;
}

function formatOption(value: string | undefined): VocabularyFileFormat | undefined {
  if (value === undefined) return undefined;
  if (value !== 'json' && value !== 'csv') throw new InvalidInputError('--format is json or csv.');
  return value;
}

export function registerVocabularyCommands(program: Command): void {
  const vocabulary = program
    .command('vocabulary')
    .description(
      'the shared vocabulary: concepts with names in several languages; tags with any of their names belong to them',
    );

  vocabulary
    .command('list')
    .description('one line per concept: id, then LANG=preferred name (alternative names)')
    .action(async (_opts, command: Command) => {
      const options = globalOptions(command);
      const concepts = await withVault(options, (vault) => vault.vocabulary.list(), 'metadata');
      output(options).result(
        { concepts },
        () => concepts.map(formatConcept).join('\n') || '(no concepts)',
      );
    });

  vocabulary
    .command('add')
    .description('add a concept, or replace the one with the same id')
    .argument('<id>', 'the concept id (letters, digits, . _ -), shared with partners')
    .option('--name <lang=name>', 'the preferred name in a language; repeat per language', collect)
    .option('--alt <lang=name>', 'another name in a language; repeat for several', collect)
    .option('--note <lang=text>', 'what the concept covers, in a language', collect)
    .action(async (id: string, opts: ConceptOptions, command: Command) => {
      const options = globalOptions(command);
      const concept = conceptFrom(id, opts);
      const saved = await withVault(options, (vault) => vault.vocabulary.put(concept), 'metadata');
      output(options).result({ concept: saved }, () => formatConcept(saved));
    });

  vocabulary
    .command('remove')
    .description('remove a concept (tags on testimonies are not changed)')
    .argument('<id>', 'the concept id or one of its names')
    .action(async (idOrName: string, _opts, command: Command) => {
      const options = globalOptions(command);
      const id = await withVault(
        options,
        (vault) => {
          const { id } = vault.vocabulary.find(idOrName);
          vault.vocabulary.remove(id);
          return id;
        },
        'metadata',
      );
      output(options).result({ removed: id }, () => `Removed ${id}.`);
    });

  vocabulary
    .command('import')
    .description(
      'merge a vocabulary file (SKOS-like JSON, or CSV by its .csv name): same ids are replaced, all or nothing',
    )
    .argument('<file>', 'the file')
    .option('--format <json|csv>', 'the file form, when its name does not say')
    .action(async (file: string, opts: { format?: string }, command: Command) => {
      const options = globalOptions(command);
      const format = formatOption(opts.format);
      const report = await withVault(
        options,
        (vault) => importVocabularyFile(vault.vocabulary, file, format),
        'metadata',
      );
      output(options).result(
        report,
        () =>
          `Vocabulary: ${report.added} concept(s) added, ${report.replaced} replaced, ${report.total} in all.`,
      );
    });

  vocabulary
    .command('export')
    .description('write the vocabulary to a file (SKOS-like JSON, or CSV by its .csv name)')
    .requiredOption('--out <file>', 'the file to write (outside the vault folder)')
    .option('--format <json|csv>', 'the file form, when its name does not say')
    .option('--force', 'replace the file if it exists')
    .action(async (opts: { out: string; format?: string; force?: boolean }, command: Command) => {
      const options = globalOptions(command);
      const format = formatOption(opts.format);
      const report = await withVault(
        options,
        (vault) =>
          exportVocabularyFile(vault.vocabulary, opts.out, {
            vaultDir: vault.dir,
            force: opts.force === true,
            ...(format ? { format } : {}),
          }),
        'metadata',
      );
      output(options).result(
        report,
        () => `Wrote ${report.concepts} concept(s) to ${report.path}.`,
      );
    });
}
