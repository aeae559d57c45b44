import { InvalidInputError } from '../../shared/errors';
import { type TestimonyFields, emptyFields } from '../../shared/records/types';
import { validateFields } from '../../shared/records/validate';
import { type Mapping, REST, type TargetField, mappedSourceFields } from './mapping';
import { type SourceRecord, describePosition } from './types';

/** Which testimony fields a mapped record gives: a re-import changes only those. */
export type GivenField = keyof TestimonyFields | `consent.${keyof TestimonyFields['consent']}`;

/** A record of the export turned into testimony fields, ready to store. */
export interface MappedRecord {
  /** "martus:<account>/<local id>": what re-imports find the testimony by; null: always new. */
  sourceKey: string | null;
  fields: TestimonyFields;
  /** Which fields the source gave (a re-import changes only those). */
  given: Set<GivenField>;
  /** Attachment names as the export writes them (checked later against --files). */
  files: string[];
  consentGiven: boolean;
}

const SOURCE_LABELS: Record<Mapping['source'], string> = {
  martus: 'Martus bulletin',
  uwazi: 'Uwazi entity',
  kobo: 'KoboToolbox submission',
  csv: 'CSV record',
  jsonl: 'JSONL record',
};

/** Text of a source value: lists (multi-selects, repeated elements) joined by ", ". */
function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(textOf).filter(Boolean).join(', ');
  throw new InvalidInputError('a mapped field holds an object, not text');
}

function valuesOf(record: SourceRecord, refs: string[] | undefined, mapping: Mapping): string[] {
  const out: string[] = [];
  for (const ref of refs ?? []) {
    if (ref === REST) {
      const rest = restOf(record, mapping);
      if (rest !== '') out.push(rest);
      continue;
    }
    const text = textOf(record.fields.get(ref)).trim();
    if (text !== '') out.push(text);
  }
  return out;
}

/** "*": every field no other entry of the mapping reads, one "name: value" line each. */
function restOf(record: SourceRecord, mapping: Mapping): string {
  const used = mappedSourceFields(mapping);
  const lines: string[] = [];
  for (const [name, value] of record.fields) {
    if (used.has(name)) continue;
    const text = textOf(value).trim();
    if (text !== '') lines.push(`${name}: ${text}`);
  }
  return lines.join('\n');
}

/**
 * Dates as exports write them: ISO dates and date-times (Kobo's _submission_time), Martus's
 * "Simple:2006-05-04" / "Range:2006-05-04,2006-06-01" and YYYYMMDD, Uwazi's "from~to" ranges.
 * A range becomes its start. Anything else is refused by the record validation.
 */
export function normalizeDate(text: string): string {
  let value = text.trim().replace(/^(Simple|Range):/i, '');
  value = value.split(/[~,]/)[0]!.trim();
  if (/^\d{8}$/.test(value)) value = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6)}`;
  const iso = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  return iso ? iso[1]! : value;
}

function lookup<T>(map: Record<string, T>, value: string, field: string): T {
  const found = map[value.trim().toLowerCase()];
  if (found === undefined)
    throw new InvalidInputError(`${field}: a value the mapping's "values" does not name`);
  return found;
}

/**
 * Applies the mapping to one record: joins or merges the mapped source fields, translates
 * values, and validates the result as a whole. Consent stays "unknown" unless the mapping names
 * where it comes from. A record without a mapped title gets "<source> <id or position>".
 */
export function mapRecord(record: SourceRecord, mapping: Mapping): MappedRecord {
  const fields = emptyFields();
  const given = new Set<GivenField>();
  const get = (target: TargetField) => {
    const values = valuesOf(record, mapping.fields[target], mapping);
    if (mapping.fields[target]?.length) given.add(target);
    return values;
  };
  const first = (target: TargetField) => get(target)[0];

  const sourceId = sourceIdOf(record, mapping);
  fields.title =
    first('title') ??
    `${SOURCE_LABELS[mapping.source]} ${sourceId ?? describePosition(record.position)}`;
  fields.body = get('body').join('\n\n');
  const lang = first('lang');
  if (lang !== undefined) {
    const known = mapping.values.lang[lang.trim().toLowerCase()];
    fields.lang = known ?? lang.trim();
  }
  fields.narrator = get('narrator').join(', ');
  const date = first('date');
  fields.date = date === undefined ? null : normalizeDate(date);
  fields.place = get('place').join(', ');
  fields.tags = get('tags').flatMap((cell) =>
    cell
      .split(mapping.tagSeparator)
      .map((tag) => tag.trim())
      .filter(Boolean),
  );
  fields.warning = get('warning').join(' ');
  fields.notes = get('notes').join('\n\n');
  const status = first('consent.status');
  if (status !== undefined)
    fields.consent.status = lookup(mapping.values['consent.status'], status, 'consent.status');
  const scope = first('consent.scope');
  if (scope !== undefined) {
    const known = mapping.values['consent.scope'][scope.trim().toLowerCase()];
    fields.consent.scope = (known ?? scope.trim()) as typeof fields.consent.scope;
  }
  const consentDate = first('consent.date');
  fields.consent.date = consentDate === undefined ? null : normalizeDate(consentDate);
  fields.consent.note = get('consent.note').join(' ');

  const files = [
    ...record.files,
    ...mapping.files.flatMap((column) => splitFileCell(textOf(record.fields.get(column)))),
  ];
  return {
    sourceKey: sourceId === null ? null : `${mapping.source}:${sourceId}`,
    fields: validateFields(fields),
    given,
    files,
    consentGiven: status !== undefined,
  };
}

/** The record's stable id: the mapping's id fields when it names some, else the format's own. */
export function sourceIdOf(record: SourceRecord, mapping: Mapping): string | null {
  if (mapping.id.length > 0) {
    const parts = mapping.id.map((ref) => textOf(record.fields.get(ref)).trim());
    if (parts.every((part) => part !== '')) return parts.join('\u001f');
  }
  return record.sourceId;
}

/** A cell listing files: "|"-separated (Uwazi) or one per cell; a URL counts by its last part. */
function splitFileCell(cell: string): string[] {
  return cell
    .split('|')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      // Uwazi's Documents column writes "/files/<name>".
      if (part.startsWith('/files/')) return part.slice('/files/'.length);
      if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(part)) return part;
      try {
        const url = new URL(part);
        // KoboToolbox media URLs name the file in ?media_file=<user>/attachments/…/<name>.
        const named = url.searchParams.get('media_file') ?? decodeURIComponent(url.pathname);
        return named.split('/').pop() ?? '';
      } catch {
        return part;
      }
    });
}
