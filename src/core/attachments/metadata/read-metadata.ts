import exifr from 'exifr';
import {
  type FileMetadata,
  MAX_METADATA_FIELDS,
  shownValue,
  type MetadataField,
  flagOf,
} from '../../../shared/attachments/metadata';

/** Types exifr reads: JPEG, PNG, WebP, TIFF, HEIC/AVIF. */
const IMAGE_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/tiff',
  'image/heic',
  'image/heif',
  'image/avif',
];

export function hasImageMetadata(mime: string): boolean {
  return IMAGE_TYPES.includes(mime);
}

/**
 * Reads a file's EXIF, GPS, XMP and IPTC blocks with exifr, from the bytes kept while it streamed
 * in (the first 64 KiB: where cameras and phones write them; a block further in is not read).
 * Never throws for a bad file: malformed metadata gives `{ failed: 'unreadable' }` and the file is
 * stored all the same. Time and memory are bounded by the input (64 KiB).
 */
export async function readImageMetadata(head: Uint8Array): Promise<FileMetadata> {
  let parsed: Record<string, unknown> | undefined;
  try {
    parsed = (await exifr.parse(Buffer.from(head.buffer, head.byteOffset, head.byteLength), {
      tiff: true,
      exif: true,
      gps: true,
      xmp: true,
      iptc: true,
      icc: false,
      jfif: false,
      ihdr: false,
      interop: false,
      makerNote: false,
      userComment: true,
      mergeOutput: false,
      translateValues: true,
      reviveValues: true,
      sanitize: true,
    })) as Record<string, unknown> | undefined;
  } catch {
    return { fields: [], failed: 'unreadable' };
  }
  const fields: MetadataField[] = [];
  let truncated = false;
  for (const [group, block] of Object.entries(parsed ?? {})) {
    if (!block || typeof block !== 'object') continue;
    for (const [name, raw] of Object.entries(block as Record<string, unknown>)) {
      if (fields.length >= MAX_METADATA_FIELDS) {
        truncated = true;
        break;
      }
      const value = asText(raw);
      if (value === null) continue;
      const flag = flagOf(group, name);
      fields.push({ group, name: name.slice(0, 100), value, ...(flag ? { flag } : {}) });
    }
  }
  return truncated ? { fields, truncated } : { fields };
}

function asText(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  let text: string;
  if (raw instanceof Date) text = Number.isNaN(raw.getTime()) ? String(raw) : raw.toISOString();
  else if (raw instanceof Uint8Array || ArrayBuffer.isView(raw))
    text = `(binary, ${(raw as ArrayBufferView).byteLength} bytes)`;
  else if (typeof raw === 'object') {
    try {
      text = JSON.stringify(raw);
    } catch {
      return null;
    }
  } else text = String(raw);
  return shownValue(text);
}
