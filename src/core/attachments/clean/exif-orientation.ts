import exifr from 'exifr';
import UTIF, { type IFD } from 'utif2';

/**
 * The one EXIF tag export cleaning keeps: Orientation (0x0112), which says how to turn the
 * picture upright. Dropping it would show a portrait photo on its side; it identifies nobody.
 * PNG (eXIf chunk) and WebP (EXIF chunk) carry EXIF as a bare TIFF structure, which utif2
 * writes: a header and one IFD holding only Orientation (26 bytes).
 */
const ORIENTATION_TAG = 't274';

/** A TIFF structure with one IFD holding only `orientation` (2 to 8; 1 is the default). */
export function orientationTiff(orientation: number): Uint8Array {
  // utif2's IFD type describes a decoded image (data, width, height); encode() writes only the
  // tags an IFD holds, and this one holds Orientation alone.
  const ifd = { [ORIENTATION_TAG]: [orientation] } as unknown as IFD;
  return new Uint8Array(UTIF.encode([ifd]));
}

/**
 * The orientation in a bare TIFF-structured EXIF block (PNG eXIf, WebP EXIF), read by exifr;
 * 1 (upright) when absent, out of range or unreadable: then there is nothing worth keeping.
 * Some writers put JPEG's "Exif\0\0" prefix before the TIFF header; it is skipped.
 */
export async function orientationOfTiff(block: Uint8Array): Promise<number> {
  const prefix = [0x45, 0x78, 0x69, 0x66, 0, 0];
  const tiff = prefix.every((b, i) => block[i] === b) ? block.subarray(prefix.length) : block;
  try {
    const parsed = (await exifr.parse(Buffer.from(tiff.buffer, tiff.byteOffset, tiff.byteLength), {
      pick: ['Orientation'],
      translateValues: false,
    })) as { Orientation?: unknown } | undefined;
    const value = parsed?.Orientation;
    return typeof value === 'number' && Number.isInteger(value) && value >= 2 && value <= 8
      ? value
      : 1;
  } catch {
    return 1;
  }
}
