import exifr from 'exifr';
import { type CleanEdits, type ReadRange, applyEdits, memoryReader } from './edits';
import { planFlac } from './flac';
import { cleanHeif } from './heif';
import { cleanJpeg } from './jpeg';
import { planMp3 } from './mp3';
import { planMp4 } from './mp4';
import { planOgg } from './ogg';
import { cleanPng } from './png';
import { cleanTiff } from './tiff';
import type { CleanableFormat, CleanedCopy } from './types';
import { planWav } from './wav';
import { cleanWebp } from './webp';

export { DamagedFileError } from './types';
export type { CleanableFormat, CleanedCopy, RemovedPart } from './types';
export { type CleanEdits, type Edit, type ReadRange, editedSize, streamEdits } from './edits';

/**
 * Images and PDFs are cleaned in memory (pdf-lib parses whole documents; the image cleaners
 * slice the input): above this such a file is sent as it is, with a warning. A phone photo is
 * 2-20 MB, a scanned PDF rarely over 100 MB. Audio and video are cleaned as a stream, at any
 * size.
 */
export const MAX_CLEAN_BYTES = 256 * 1024 * 1024;

/**
 * The formats cleaned by edits found from a few headers, then applied to the file as it
 * streams by: memory does not grow with the file (a 2 GB video).
 */
export type StreamedFormat = 'mp4' | 'mp3' | 'wav' | 'flac' | 'ogg';
const STREAMED = new Set<CleanableFormat>(['mp4', 'mp3', 'wav', 'flac', 'ogg']);

export function isStreamed(format: CleanableFormat): format is StreamedFormat {
  return STREAMED.has(format);
}

/** The MIME types the vault stores for the formats cleaned (for the export review). */
const CLEANABLE_MIMES: Record<string, CleanableFormat> = {
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'image/tiff': 'tiff',
  'image/heic': 'heif',
  'image/heif': 'heif',
  'image/avif': 'heif',
  'video/mp4': 'mp4',
  'video/quicktime': 'mp4',
  'video/x-m4v': 'mp4',
  'audio/mp4': 'mp4',
  'audio/x-m4a': 'mp4',
  'audio/m4a': 'mp4',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/wav': 'wav',
  'audio/wave': 'wav',
  'audio/x-wav': 'wav',
  'audio/vnd.wave': 'wav',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
  'audio/ogg': 'ogg',
  'audio/opus': 'ogg',
  'audio/x-opus+ogg': 'ogg',
  'audio/vorbis': 'ogg',
  'audio/x-vorbis+ogg': 'ogg',
  'video/ogg': 'ogg',
  'application/ogg': 'ogg',
};

/** ftyp major brands of HEIF still images (ISO/IEC 23008-12 and the AVIF spec). */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'mif1', 'avif']);
/** HEIF image sequences: a still image's items beside a movie; neither cleaner fits them. */
const HEIF_SEQUENCE_BRANDS = new Set(['msf1', 'hevc', 'hevx', 'avis']);
/** What a QuickTime file without ftyp starts with. */
const QUICKTIME_FIRST_BOXES = new Set(['moov', 'mdat', 'wide', 'free']);

/**
 * Why a file goes as it is: a format with no cleaner (WebM, AVI, office documents...), or an
 * image or PDF too large to clean in memory.
 */
export type UncleanedReason = 'format' | 'too-large';

/** What the export review can say before reading a file: cleaned, or sent as it is and why. */
export function cleaningPlan(mime: string, size: number): UncleanedReason | null {
  // file-type says "audio/ogg; codecs=opus": the parameters do not change the container.
  const type = mime.split(';')[0]!.trim().toLowerCase();
  if (!Object.hasOwn(CLEANABLE_MIMES, type)) return 'format';
  const format = CLEANABLE_MIMES[type]!;
  return size > MAX_CLEAN_BYTES && !isStreamed(format) ? 'too-large' : null;
}

/** The format by its first bytes (the stored MIME type is a hint; the bytes decide). */
export function sniffCleanable(head: Uint8Array): CleanableFormat | null {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'webp';
  if (at(0, 0x25, 0x50, 0x44, 0x46, 0x2d)) return 'pdf';
  // Classic TIFF only: BigTIFF (version 43) goes as it is.
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  if (at(4, 0x66, 0x74, 0x79, 0x70) && head.length >= 12) {
    const brand = String.fromCharCode(...head.subarray(8, 12));
    if (HEIF_BRANDS.has(brand)) return 'heif';
    return HEIF_SEQUENCE_BRANDS.has(brand) ? null : 'mp4';
  }
  if (head.length >= 8 && QUICKTIME_FIRST_BOXES.has(String.fromCharCode(...head.subarray(4, 8))))
    return 'mp4';
  if (at(0, 0x49, 0x44, 0x33)) return 'mp3'; // "ID3"
  // An MPEG audio frame sync (11 bits set) with a valid layer.
  if (head[0] === 0xff && ((head[1] ?? 0) & 0xe0) === 0xe0 && ((head[1] ?? 0) & 0x06) !== 0)
    return 'mp3';
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x41, 0x56, 0x45)) return 'wav';
  if (at(0, 0x66, 0x4c, 0x61, 0x43)) return 'flac';
  if (at(0, 0x4f, 0x67, 0x67, 0x53)) return 'ogg'; // "OggS"
  return null;
}

/**
 * A cleaned copy of a whole file. Deterministic: the same input gives the same bytes, so an
 * export can clean once to hash the copy for the manifest and again to write it.
 * Throws DamagedFileError for a file of a cleaned format that cannot be walked.
 */
export async function cleanBytes(bytes: Uint8Array, format: CleanableFormat): Promise<CleanedCopy> {
  switch (format) {
    case 'jpeg':
      return cleanJpeg(bytes, await orientationOf(bytes));
    case 'png':
      return cleanPng(bytes);
    case 'webp':
      return cleanWebp(bytes);
    case 'pdf': {
      // pdf-lib is loaded on the first PDF: it is a third of what every `tvault` command would
      // otherwise load and compile at start-up.
      const { cleanPdf } = await import('./pdf');
      return cleanPdf(bytes);
    }
    case 'tiff':
      return cleanTiff(bytes);
    case 'heif':
      return cleanHeif(bytes);
    default: {
      const { edits, removed } = await planEdits(format, memoryReader(bytes), bytes.length);
      return { bytes: applyEdits(bytes, edits), removed };
    }
  }
}

/**
 * The edits that clean an audio or video file, found by reading its headers through `read`.
 * Throws DamagedFileError for a file that cannot be walked.
 */
export function planEdits(
  format: StreamedFormat,
  read: ReadRange,
  size: number,
): Promise<CleanEdits> {
  switch (format) {
    case 'mp4':
      return planMp4(read, size);
    case 'mp3':
      return planMp3(read, size);
    case 'wav':
      return planWav(read, size);
    case 'flac':
      return planFlac(read, size);
    case 'ogg':
      return planOgg(read, size);
  }
}

/** The EXIF orientation (1 to 8), 1 when there is none or the EXIF is unreadable. */
async function orientationOf(bytes: Uint8Array): Promise<number> {
  try {
    const value = await exifr.orientation(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    );
    return typeof value === 'number' && value >= 1 && value <= 8 ? value : 1;
  } catch {
    return 1;
  }
}
