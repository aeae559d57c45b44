import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { CONSENT_SCOPES, CONSENT_STATUSES } from '../../shared/records/types';
import { importJsonFault } from '../records/import-json';
import { invalidMapping } from './errors';
import { SOURCE_KINDS, type SourceKind } from './types';

/**
 * The mapping file (JSON): which source field becomes which testimony field. Every source has
 * defaults (DEFAULT_MAPPINGS); a mapping file changes only what it names, and `null` removes a
 * default. README "Mapping file" documents it with an example per source.
 */
export const TARGET_FIELDS = [
  'title',
  'body',
  'lang',
  'narrator',
  'date',
  'place',
  'tags',
  'warning',
  'notes',
  'consent.status',
  'consent.scope',
  'consent.date',
  'consent.note',
] as const;
export type TargetField = (typeof TARGET_FIELDS)[number];

const fieldName = z.string().min(1).max(500);
/** One source field, or several whose values are joined (body, notes) or merged (tags). */
const fieldRef = z.union([fieldName, z.array(fieldName).min(1).max(100)]);
const valueMap = z.record(z.string().max(500), z.string().max(100));

export const mappingSchema = z.strictObject({
  /** Which importer the mapping is for; refused with another --from. */
  source: z.enum(SOURCE_KINDS).optional(),
  /** The source field(s) whose values together identify a record across exports. */
  id: fieldRef.nullable().optional(),
  fields: z.partialRecord(z.enum(TARGET_FIELDS), fieldRef.nullable()).optional(),
  /** Source value -> testimony value, per field (compared case-insensitively, trimmed). */
  values: z
    .strictObject({
      lang: valueMap.optional(),
      'consent.status': z.record(z.string().max(500), z.enum(CONSENT_STATUSES)).optional(),
      'consent.scope': z.record(z.string().max(500), z.enum(CONSENT_SCOPES)).optional(),
    })
    .optional(),
  /** Splits a tag cell into tags ("|" in Uwazi, " " for Kobo's select_multiple). */
  tagSeparator: z.string().min(1).max(8).optional(),
  /** Source fields naming attachment files (names, paths or URLs: only the last part counts). */
  files: z.array(fieldName).max(100).optional(),
  /** Source fields deliberately not imported: not listed as unmapped. */
  ignore: z.array(fieldName).max(1000).optional(),
});
export type MappingFile = z.infer<typeof mappingSchema>;

/** A mapping with every default applied: what the importer uses. */
export interface Mapping {
  source: SourceKind;
  id: string[];
  fields: Partial<Record<TargetField, string[]>>;
  values: {
    lang: Record<string, string>;
    'consent.status': Record<string, (typeof CONSENT_STATUSES)[number]>;
    'consent.scope': Record<string, (typeof CONSENT_SCOPES)[number]>;
  };
  tagSeparator: string;
  files: string[];
  ignore: string[];
}

/** Consent answers as forms commonly record them; anything else is refused, never guessed. */
const CONSENT_ANSWERS: Mapping['values']['consent.status'] = {
  given: 'given',
  yes: 'given',
  true: 'given',
  '1': 'given',
  sí: 'given',
  si: 'given',
  oui: 'given',
  نعم: 'given',
  withdrawn: 'withdrawn',
  no: 'withdrawn',
  false: 'withdrawn',
  '0': 'withdrawn',
  non: 'withdrawn',
  لا: 'withdrawn',
  unknown: 'unknown',
};

const ONE_TO_ONE = (names: readonly TargetField[]) =>
  Object.fromEntries(names.map((name) => [name, [name]])) as Mapping['fields'];

const TESTIMONY_FIELDS: TargetField[] = TARGET_FIELDS.filter((f) => !f.startsWith('consent.'));

/** Defaults per source, from each format's documented fields (README, "Importers"). */
export function defaultMapping(source: SourceKind, header: readonly string[] | null): Mapping {
  const base: Mapping = {
    source,
    id: [],
    fields: {},
    values: { lang: {}, 'consent.status': { ...CONSENT_ANSWERS }, 'consent.scope': {} },
    tagSeparator: ';',
    files: [],
    ignore: [],
  };
  switch (source) {
    case 'martus':
      return {
        ...base,
        fields: {
          title: ['title'],
          body: ['summary', 'publicinfo', 'privateinfo'],
          lang: ['language'],
          narrator: [],
          date: ['eventdate', 'entrydate'],
          place: ['location'],
          tags: ['keywords'],
          notes: ['author', 'organization'],
        },
        // Martus writes "?" for "language not given".
        values: { ...base.values, lang: { '?': '' } },
        tagSeparator: ',',
      };
    case 'uwazi':
      return {
        ...base,
        // Uwazi's CSV export has no entity id: its template and title identify an entity.
        id: ['Template', 'Title'],
        fields: { title: ['Title'], tags: ['Template'], body: [REST] },
        tagSeparator: '|',
        files: ['Attachments', 'Documents'],
        ignore: ['Date added', 'Published', 'Geolocation'],
      };
    case 'kobo':
      return {
        ...base,
        id: ['_uuid'],
        fields: { tags: ['_tags'], body: [REST] },
        tagSeparator: ' ',
        // "Include media URLs" adds a <question>_URL column per media question.
        files: (header ?? []).filter((name) => name.endsWith('_URL')),
        ignore: KOBO_META.filter((name) => header?.includes(name)),
      };
    case 'csv':
    case 'jsonl':
      return {
        ...base,
        id: ['id'],
        fields: {
          ...ONE_TO_ONE(TESTIMONY_FIELDS),
          'consent.status': ['consent.status'],
          'consent.scope': ['consent.scope', 'scope'],
          'consent.date': ['consent.date'],
          'consent.note': ['consent.note'],
        },
      };
  }
}

/** Kobo's own bookkeeping columns: not testimony content, not reported as unmapped. */
const KOBO_META = [
  '_id',
  '_uuid',
  '_submission_time',
  '_validation_status',
  '_notes',
  '_status',
  '_submitted_by',
  '__version__',
  '_index',
  '_parent_index',
  '_parent_table_name',
  '_tags',
  'start',
  'end',
  'today',
  'deviceid',
  'meta/instanceID',
  'meta/rootUuid',
  'formhub/uuid',
];

const asList = (ref: string | string[]) => (Array.isArray(ref) ? ref : [ref]);
const lowerKeys = <T>(map: Record<string, T>) =>
  Object.fromEntries(Object.entries(map).map(([k, v]) => [k.trim().toLowerCase(), v]));

/** The defaults with a mapping file's changes applied. */
export function resolveMapping(base: Mapping, file: MappingFile | null): Mapping {
  if (!file) return base;
  const fields = { ...base.fields };
  for (const [target, ref] of Object.entries(file.fields ?? {}) as [
    TargetField,
    string | string[] | null,
  ][]) {
    if (ref === null) delete fields[target];
    else fields[target] = asList(ref);
  }
  return {
    source: base.source,
    id: file.id === null ? [] : file.id !== undefined ? asList(file.id) : base.id,
    fields,
    values: {
      lang: { ...base.values.lang, ...lowerKeys(file.values?.lang ?? {}) },
      'consent.status': {
        ...base.values['consent.status'],
        ...lowerKeys(file.values?.['consent.status'] ?? {}),
      },
      'consent.scope': {
        ...base.values['consent.scope'],
        ...lowerKeys(file.values?.['consent.scope'] ?? {}),
      },
    },
    tagSeparator: file.tagSeparator ?? base.tagSeparator,
    files: file.files ?? base.files,
    ignore: [...base.ignore, ...(file.ignore ?? [])],
  };
}

const MAX_MAPPING_BYTES = 1024 * 1024;

/** Reads and checks a mapping file; IMPORT.INVALID_MAPPING names the rule it breaks. */
export function loadMapping(path: string, from: SourceKind): MappingFile {
  let text: string;
  try {
    if (statSync(path).size > MAX_MAPPING_BYTES) throw invalidMapping(path, 'larger than 1 MiB');
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'IMPORT.INVALID_MAPPING')
      throw error;
    throw invalidMapping(path, 'it cannot be read');
  }
  const fault = importJsonFault(text);
  if (fault) throw invalidMapping(path, `it ${fault}`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw invalidMapping(path, 'it is not valid JSON');
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the mapping';
    throw invalidMapping(path, `${where}: ${issue.message}`);
  }
  if (parsed.data.source && parsed.data.source !== from) {
    throw invalidMapping(path, `it is for --from ${parsed.data.source}, not ${from}`);
  }
  return parsed.data;
}

/** A field reference meaning "every field no other entry reads", as "name: value" lines. */
export const REST = '*';

const usedFields = new WeakMap<Mapping, Set<string>>();

/** Every source field the mapping reads by name, so the rest can be reported as unmapped. */
export function mappedSourceFields(mapping: Mapping): Set<string> {
  let used = usedFields.get(mapping);
  if (!used) {
    used = new Set<string>([...mapping.id, ...mapping.files, ...mapping.ignore]);
    for (const refs of Object.values(mapping.fields)) for (const ref of refs ?? []) used.add(ref);
    used.delete(REST);
    usedFields.set(mapping, used);
  }
  return used;
}

/** Whether some field gathers the unmapped ones ("*"): then nothing is left out. */
export function gathersRest(mapping: Mapping): boolean {
  return Object.values(mapping.fields).some((refs) => refs?.includes(REST));
}
