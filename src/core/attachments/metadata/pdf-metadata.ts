import {
  type FileMetadata,
  MAX_METADATA_FIELDS,
  MAX_METADATA_VALUE_CHARS,
  shownValue,
  type MetadataField,
  flagOf,
} from '../../../shared/attachments/metadata';
import type { PdfMetadataRaw } from '../text/pdf-worker';

/**
 * A PDF's information dictionary (group `pdf`: Author, Creator, Producer, Title, dates, custom
 * keys) and XMP properties (group by prefix: `dc`, `xmp`, `pdf`, `photoshop`...), as fields
 * like an image's, with Author, Creator and the like flagged (`person`). The values come from
 * the file: only strings, numbers and booleans are kept (a nested value is written as JSON),
 * bounded like image metadata; anything else is ignored.
 */
export function pdfMetadataFields(raw: PdfMetadataRaw): FileMetadata {
  const fields: MetadataField[] = [];
  let truncated = false;
  const add = (group: string, name: string, value: unknown) => {
    if (fields.length >= MAX_METADATA_FIELDS) {
      truncated = true;
      return;
    }
    const text = asText(value);
    if (text === null || name === '') return;
    const cleanName = name.replace(/\p{Cc}/gu, '').slice(0, 100);
    const flag = flagOf(group, cleanName);
    fields.push({ group, name: cleanName, value: text, ...(flag ? { flag } : {}) });
  };
  for (const [name, value] of entriesOf(raw.info)) {
    // pdf.js adds its own keys: the version and whether the document has forms, not metadata.
    if (
      /^(PDFFormatVersion|Is[A-Z]\w*Present|IsLinearized|IsCollectionPresent|Language|EncryptFilterName)$/.test(
        name,
      )
    )
      continue;
    if (name === 'Custom') {
      for (const [key, custom] of entriesOf(value)) add('pdf', key, custom);
    } else add('pdf', name, value);
  }
  for (const [key, value] of entriesOf(raw.xmp)) {
    const colon = key.indexOf(':');
    add(colon > 0 ? key.slice(0, colon) : 'xmp', colon > 0 ? key.slice(colon + 1) : key, value);
  }
  return truncated ? { fields, truncated } : { fields };
}

function entriesOf(value: unknown): [string, unknown][] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).slice(0, MAX_METADATA_FIELDS * 2);
}

function asText(value: unknown): string | null {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else if (value && typeof value === 'object') {
    try {
      text = JSON.stringify(value).slice(0, MAX_METADATA_VALUE_CHARS * 2);
    } catch {
      return null;
    }
  } else return null;
  return shownValue(text);
}
