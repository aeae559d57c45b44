import { parse as parseCsv } from 'csv-parse/sync';
import { stringify as stringifyCsv } from 'csv-stringify/sync';
import { z } from 'zod';
import { VocabularyInvalidError } from '../../shared/errors';
import {
  type Concept,
  VOCABULARY_LIMITS,
  validateVocabulary,
} from '../../shared/vocabulary/concept';

/**
 * The two vocabulary file forms (docs/vocabulary.md): SKOS-like JSON and CSV with a row per
 * concept and a column per language. Both parse to concepts checked by validateVocabulary, so a
 * file is taken whole or refused whole with VOCABULARY.INVALID.
 */
export type VocabularyFileFormat = 'json' | 'csv';

export const VOCABULARY_FILE_TAG = 'tvault-vocabulary';

const jsonFileSchema = z.strictObject({
  format: z.literal(VOCABULARY_FILE_TAG),
  version: z.literal(1),
  concepts: z.array(z.unknown()).max(VOCABULARY_LIMITS.concepts),
});

/** Alternative names share one CSV cell, one per line (names never hold a line break). */
const ALT_SEPARATOR = '\n';

export function formatOf(path: string): VocabularyFileFormat {
  return /\.csv$/i.test(path) ? 'csv' : 'json';
}

export function parseVocabulary(bytes: Uint8Array, format: VocabularyFileFormat): Concept[] {
  if (bytes.byteLength > VOCABULARY_LIMITS.fileBytes) throw new VocabularyInvalidError('tooLarge');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new VocabularyInvalidError('format');
  }
  return format === 'csv' ? parseCsvVocabulary(text) : parseJsonVocabulary(text);
}

function parseJsonVocabulary(text: string): Concept[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new VocabularyInvalidError('format');
  }
  const parsed = jsonFileSchema.safeParse(value);
  if (!parsed.success) {
    const tooMany = parsed.error.issues.some((i) => i.code === 'too_big');
    throw new VocabularyInvalidError(tooMany ? 'tooMany' : 'format');
  }
  return validateVocabulary(parsed.data.concepts);
}

/**
 * Spreadsheet programs run a cell that starts with =, +, -, @, a tab or a carriage return as a
 * formula ("CSV injection"): a vocabulary from a partner could run one on opening. Such a cell is
 * written behind an apostrophe, which spreadsheets show as text; so is a cell that starts with an
 * apostrophe itself, so that reading drops exactly one leading apostrophe and a round trip gives
 * back every name as it was.
 */
const FORMULA_START = /^[=+\-@\t\r']/;
const asCsvCell = (cell: string) => (FORMULA_START.test(cell) ? `'${cell}` : cell);
const fromCsvCell = (cell: string) => (cell.startsWith("'") ? cell.slice(1) : cell);

/** A CSV column: `id`, a language (`es`: the preferred name), `es.alt` or `es.note`. */
function columnOf(header: string): { lang: string; part: 'pref' | 'alt' | 'note' } | 'id' | null {
  const h = header.trim();
  if (h.toLowerCase() === 'id') return 'id';
  const match = /^([A-Za-z0-9-]{1,35})(?:\.(alt|note))?$/.exec(h);
  if (!match) return null;
  return { lang: match[1]!, part: (match[2] as 'alt' | 'note' | undefined) ?? 'pref' };
}

function parseCsvVocabulary(text: string): Concept[] {
  let rows: string[][];
  try {
    rows = parseCsv(text, {
      relax_column_count: false,
      skip_empty_lines: true,
      max_record_size: 1024 * 1024,
    }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new VocabularyInvalidError('format', typeof line === 'number' ? { line } : {});
  }
  const [header, ...body] = rows;
  if (!header) throw new VocabularyInvalidError('format');
  if (body.length > VOCABULARY_LIMITS.concepts) throw new VocabularyInvalidError('tooMany');
  const columns = header.map(columnOf);
  if (columns.filter((c) => c === 'id').length !== 1 || columns.includes(null))
    throw new VocabularyInvalidError('format', { line: 1 });
  const concepts = body.map((row) => {
    const concept: {
      id: string;
      prefLabel: Record<string, string>;
      altLabel?: Record<string, string[]>;
      scopeNote?: Record<string, string>;
    } = { id: '', prefLabel: {} };
    row.forEach((written, k) => {
      const column = columns[k]!;
      const cell = fromCsvCell(written);
      if (column === 'id') concept.id = cell.trim();
      else if (column !== null && cell.trim() !== '') {
        if (column.part === 'pref') concept.prefLabel[column.lang] = cell;
        else if (column.part === 'note') (concept.scopeNote ??= {})[column.lang] = cell;
        else
          (concept.altLabel ??= {})[column.lang] = cell
            .split(ALT_SEPARATOR)
            .filter((s) => s.trim() !== '');
      }
    });
    return concept;
  });
  return validateVocabulary(concepts);
}

export function serializeVocabulary(
  concepts: readonly Concept[],
  format: VocabularyFileFormat,
): string {
  if (format === 'json')
    return `${JSON.stringify({ format: VOCABULARY_FILE_TAG, version: 1, concepts }, null, 2)}\n`;
  const langs = (pick: (c: Concept) => object | undefined) =>
    [...new Set(concepts.flatMap((c) => Object.keys(pick(c) ?? {})))].sort();
  const prefLangs = langs((c) => c.prefLabel);
  const altLangs = langs((c) => c.altLabel);
  const noteLangs = langs((c) => c.scopeNote);
  const header = [
    'id',
    ...prefLangs,
    ...altLangs.map((l) => `${l}.alt`),
    ...noteLangs.map((l) => `${l}.note`),
  ];
  const rows = concepts.map((c) => [
    c.id,
    ...prefLangs.map((l) => c.prefLabel[l] ?? ''),
    ...altLangs.map((l) => (c.altLabel?.[l] ?? []).join(ALT_SEPARATOR)),
    ...noteLangs.map((l) => c.scopeNote?.[l] ?? ''),
  ]);
  // A byte order mark so that spreadsheet programs read the file as UTF-8 (Arabic names).
  return `\uFEFF${stringifyCsv([header, ...rows.map((row) => row.map(asCsvCell))])}`;
}
