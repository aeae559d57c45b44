import {
  CouldNotDetermineFileTypeError,
  type IAudioMetadata,
  UnsupportedFileTypeError,
  parseFromTokenizer,
} from 'music-metadata';
import {
  type FileMetadata,
  MAX_METADATA_FIELDS,
  shownValue,
  type MetadataField,
  type MetadataFlag,
} from '../../../shared/attachments/metadata';
import { IntegrityError, LimitExceededError } from '../../../shared/errors';
import type { BlobRef } from '../blob-reader';
import { readQuickTimeTags } from './quicktime-tags';
import {
  DEFAULT_READ_LIMITS,
  type ReadLimits,
  SealedBlobSource,
  SealedBlobTokenizer,
} from './sealed-tokenizer';

/** The largest single read music-metadata may ask for (a tag frame, a box's payload). */
const MAX_TOKEN_BYTES = 16 * 1024 * 1024;

export function hasAvMetadata(mime: string): boolean {
  return /^(audio|video)\//.test(mime);
}

/** ISO BMFF/QuickTime types, whose `udta` and `mdta` tags are read by our own box walker too. */
function isQuickTime(mime: string): boolean {
  return /^(video|audio)\/(mp4|quicktime|x-m4a|m4a|3gpp2?|x-m4v)$/.test(mime);
}

/**
 * The tags of an audio or video file (docs/attachments.md, "Metadata"), read from its encrypted
 * blob with random access (sealed-tokenizer.ts): music-metadata for ID3v1/v2, APE, RIFF INFO,
 * Vorbis comments (FLAC, Ogg), iTunes `ilst`, Matroska/WebM and ASF tags and the movie header's
 * dates; our box walker for QuickTime `udta` items and `mdta` keys (quicktime-tags.ts). Null when
 * no reader knows the type. Never throws for a bad file: a malformed file gives `failed:
 * 'unreadable'`, one that would need more than the read limits `failed: 'limit'`, with what was
 * read before; the attachment is stored either way. An IntegrityError (the blob itself) is thrown.
 */
export async function readAvMetadata(
  ref: BlobRef,
  mime: string,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<FileMetadata | null> {
  const source = new SealedBlobSource(ref, limits);
  const fields = new FieldList();
  try {
    if (isQuickTime(mime)) {
      try {
        for (const tag of await readQuickTimeTags(source))
          fields.add(tag.group, tag.name, tag.value);
      } catch (error) {
        return fields.result(failure(error));
      }
    }
    let parsed: IAudioMetadata;
    try {
      parsed = await parseFromTokenizer(new SealedBlobTokenizer(source, mime, MAX_TOKEN_BYTES), {
        duration: false,
        skipCovers: false,
        includeChapters: false,
        // Matroska/WebM: jump over the clusters by the SeekHead index (tags often follow them)
        // rather than read a header in each: a cluster every few seconds is a chunk each.
        mkvUseIndex: true,
      });
    } catch (error) {
      if (
        (error instanceof CouldNotDetermineFileTypeError ||
          error instanceof UnsupportedFileTypeError) &&
        fields.length === 0
      )
        return null;
      return fields.result(failure(error));
    }
    const { format } = parsed;
    fields.add('format', 'container', format.container);
    fields.add('format', 'codec', format.codec);
    fields.add('format', 'duration', format.duration);
    fields.add('format', 'creationTime', format.creationTime);
    fields.add('format', 'modificationTime', format.modificationTime);
    for (const [type, tags] of Object.entries(parsed.native)) {
      // RIFF INFO chunks are filed by music-metadata under "exif".
      const group = type === 'exif' ? 'riff' : type;
      for (const tag of tags) {
        // QuickTime mdta items are numbered, not named: the box walker has them with their keys.
        if (type === 'iTunes' && /[^\x20-\x7e\u00a9]/.test(tag.id)) continue;
        fields.add(group, tag.id, tag.value);
      }
    }
    return fields.result();
  } finally {
    source.close();
  }
}

function failure(error: unknown): FileMetadata['failed'] {
  if (error instanceof IntegrityError) throw error;
  return error instanceof LimitExceededError ? 'limit' : 'unreadable';
}

class FieldList {
  private readonly fields: MetadataField[] = [];
  private readonly seen = new Set<string>();
  private truncated = false;

  get length(): number {
    return this.fields.length;
  }

  add(group: string, rawName: string, raw: unknown): void {
    const value = asText(raw);
    const name = rawName.replace(/\p{Cc}/gu, '').slice(0, 100);
    if (value === null || name === '') return;
    // The same tag twice (an ID3v2 frame repeated) is listed once.
    const key = `${group}\0${name}\0${value}`;
    if (this.seen.has(key)) return;
    if (this.fields.length >= MAX_METADATA_FIELDS) {
      this.truncated = true;
      return;
    }
    this.seen.add(key);
    const flag = avFlagOf(group, name);
    this.fields.push({ group: group.slice(0, 100), name, value, ...(flag ? { flag } : {}) });
  }

  result(failed?: FileMetadata['failed']): FileMetadata {
    return {
      fields: this.fields,
      ...(failed ? { failed } : {}),
      ...(this.truncated ? { truncated: true } : {}),
    };
  }
}

function asText(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  let text: string;
  if (raw instanceof Date) {
    // An all-zero movie header date is 1904-01-01: no date at all.
    if (Number.isNaN(raw.getTime()) || raw.getTime() === Date.UTC(1904, 0, 1)) return null;
    text = raw.toISOString();
  } else if (ArrayBuffer.isView(raw)) text = `(binary, ${raw.byteLength} bytes)`;
  else if (typeof raw === 'object') {
    const record = raw as Record<string, unknown>;
    // ID3 comments and lyrics carry their text beside a language; pictures their bytes.
    if (typeof record.text === 'string') text = record.text;
    else if (ArrayBuffer.isView(record.data))
      text = `(picture${typeof record.format === 'string' ? ` ${record.format}` : ''}, ${record.data.byteLength} bytes)`;
    else {
      try {
        text = JSON.stringify(raw, (_key, value: unknown) =>
          ArrayBuffer.isView(value) ? `(binary, ${value.byteLength} bytes)` : value,
        );
      } catch {
        return null;
      }
    }
  } else text = String(raw);
  return shownValue(text);
}

const LOCATION =
  /^(xyz|loci|iso6709|locationiso6709|location.*|gps.*|latitude|longitude|geo.*|coordinates?)$/;
const DEVICE = /serial|^(mak|mod|make|model|manufacturer|device.*|camera.*)$/;
const PERSON =
  /^(artists?|albumartist|aart|art|author|auth|composer|wrt|performer|perf|conductor|lyricist|writer|encodedby|enc|copyright|cprt|cpy|comments?|cmt|comm|description|dscp|director|producer|engineer|ieng|itch|iart|icmt|icop|originator|contact|organization|owner|displayname|tpe[1-4]|tcom|text|toly|tope|tenc|tcop|town)$/;
const DATE =
  /^(creationtime|creationdate|day|date|year|tyer|tdrc|tdor|tory|tdat|trda|icrd|daterecorded|recordingtime|recordingdate|originaldate|originaldatetime|yrrc)$/;

/**
 * Which tags of an audio or video file can identify someone: where (`location`: ©xyz, the
 * QuickTime ISO 6709 key, Vorbis LOCATION), with what (`serial`, shown as "Device": make, model,
 * serial number), who (`person`: artist, author, composer, encoded-by, copyright, comments),
 * when (`date`: recording and creation dates). Names are compared without ©, a `com.apple.
 * quicktime.` or `WM/` prefix, case or punctuation.
 */
export function avFlagOf(group: string, name: string): MetadataFlag | undefined {
  const bare = name
    .toLowerCase()
    .replace(/^\u00a9/, '')
    .replace(/^com\.apple\.quicktime\./, '')
    .replace(/^wm\//, '')
    .replace(/^.*:/, '')
    .replace(/[^a-z0-9]/g, '');
  if (LOCATION.test(bare)) return 'location';
  if (DEVICE.test(bare)) return 'serial';
  if (PERSON.test(bare)) return 'person';
  if (DATE.test(bare) || (group === 'format' && bare === 'creationtime')) return 'date';
  return undefined;
}
