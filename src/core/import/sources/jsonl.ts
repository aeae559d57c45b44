import { importJsonFault } from '../../records/import-json';
import { readRecords } from '../../records/import-reader';
import { MAX_ROW_BYTES } from './csv-table';
import type { SourceItem } from '../types';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * One JSON object per line; its keys are the source fields (values keep their JSON type). A
 * dotted key such as "consent.status" is one field name, as in the testimony JSONL format.
 */
export async function* readJsonl(
  path: string,
  onRead?: (bytes: number) => void,
): AsyncGenerator<SourceItem> {
  for await (const raw of readRecords(path, {
    csvQuotes: false,
    maxRecordBytes: MAX_ROW_BYTES,
    ...(onRead ? { onRead } : {}),
  })) {
    const position = { unit: 'line' as const, at: raw.line };
    if ('oversized' in raw) {
      yield { position, error: `larger than ${MAX_ROW_BYTES / 1048576} MiB` };
      continue;
    }
    let text: string;
    try {
      text = utf8.decode(raw.bytes).trim();
    } catch {
      yield { position, error: 'not valid UTF-8' };
      continue;
    }
    if (text === '') continue;
    // Before JSON.parse, whose cost on a deeply nested or huge line is the danger.
    const fault = importJsonFault(text);
    if (fault) {
      yield { position, error: fault };
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { position, error: 'not valid JSON' };
      continue;
    }
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      yield { position, error: 'not a JSON object' };
      continue;
    }
    const fields = new Map<string, unknown>();
    for (const [key, field] of Object.entries(value)) {
      // A nested consent object is the testimony format's own: flatten it to consent.*.
      if (key === 'consent' && field && typeof field === 'object' && !Array.isArray(field)) {
        for (const [sub, subValue] of Object.entries(field)) fields.set(`consent.${sub}`, subValue);
      } else if (field !== null && field !== '') fields.set(key, field);
    }
    yield { position, sourceId: null, fields, files: [] };
  }
}
