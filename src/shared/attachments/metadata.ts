/**
 * What an evidence file says about itself (EXIF, GPS, XMP, IPTC; an audio or video file's tags),
 * read at attach time and kept sealed with the file (docs/attachments.md, "Metadata"). Fields
 * that can identify someone are flagged: where it was taken, which device (serial number, make
 * and model), who made it (names), and when it was taken or recorded.
 */
export type MetadataFlag = 'location' | 'serial' | 'person' | 'file-name' | 'date';

export interface MetadataField {
  /**
   * The block it came from: ifd0, exif, gps, xmp (dc, photoshop...), iptc, file; for audio and
   * video the tag format (ID3v2.3, vorbis, riff, iTunes, udta, mdta...) or `format`.
   */
  group: string;
  name: string;
  /** As text, bounded; binary values are described, never copied. */
  value: string;
  flag?: MetadataFlag;
}

export interface FileMetadata {
  fields: MetadataField[];
  /**
   * Set when the reader refused the file's metadata (`unreadable`: malformed) or stopped at its
   * time or size limit (`limit`); the fields read before are kept, and so is the file.
   */
  failed?: 'unreadable' | 'limit';
  /** More fields than are kept (MAX_METADATA_FIELDS). */
  truncated?: boolean;
}

export const METADATA_FLAGS: readonly MetadataFlag[] = [
  'location',
  'serial',
  'person',
  'file-name',
  'date',
];
export const METADATA_FAILURES = ['unreadable', 'limit'] as const;
export const MAX_METADATA_FIELDS = 300;
export const MAX_METADATA_VALUE_CHARS = 500;

/**
 * A value as it is kept and shown: control characters dropped (the text comes from the file and
 * is shown as it is), trimmed, at most MAX_METADATA_VALUE_CHARS; null when nothing is left.
 */
export function shownValue(text: string): string | null {
  const clean = text.replace(/\p{Cc}/gu, '').trim();
  if (clean === '') return null;
  return clean.length > MAX_METADATA_VALUE_CHARS ? clean.slice(0, MAX_METADATA_VALUE_CHARS) : clean;
}

/** Which fields can identify someone, by group and name. */
export function flagOf(group: string, name: string): MetadataFlag | undefined {
  if (group === 'gps' || /^(gps|latitude$|longitude$|location|city$|sublocation)/i.test(name))
    return 'location';
  // The device: its serial number, and its make and model too (a rare phone or camera narrows who
  // held it down, in a small community), as for recordings.
  if (/serial|^(make|model|lensmake|lensmodel)$/i.test(name)) return 'serial';
  // When it was taken (not when a program last saved it: ModifyDate/DateTime).
  if (/^(datetimeoriginal|createdate|datetimedigitized|datecreated|gpsdatestamp)$/i.test(name))
    return 'date';
  if (
    /^(artist|author|xpauthor|creator|byline|by-line|ownername|cameraownername|copyright|rights|writer|captionwriter|credit|contact|lastmodifiedby|usercomment)$/i.test(
      name,
    )
  )
    return 'person';
  return undefined;
}
