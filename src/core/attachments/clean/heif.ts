import { type Box, BoxError, childBoxes, fourcc } from './isobmff';
import type { Range } from './ranges';
import { type CleanedCopy, DamagedFileError, type RemovedPart, sortedParts } from './types';

/** What an emptied Exif item holds: no offset to a TIFF header, then an IFD0 with no entries. */
const EMPTY_EXIF = Uint8Array.from([0, 0, 0, 0, 0x4d, 0x4d, 0, 0x2a, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0]);
/** What an emptied XMP item holds (padded with spaces, which XML allows after it). */
const EMPTY_XMP = new TextEncoder().encode(
  '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"/><?xpacket end="w"?>',
);

const MAX_ITEMS = 100_000;

interface Item {
  id: number;
  kind: 'exif' | 'xmp' | 'other';
}

/**
 * Blanks the Exif and XMP items of a HEIF image (HEIC from phones, AVIF) in place: the items
 * stay listed in `iinf` and `iloc` with the same offsets and lengths, their bytes become an
 * empty Exif block (an IFD with no entries) or an empty XMP packet, padded. Nothing moves, so
 * every offset in the file stays valid and the coded image is not touched. Orientation lives
 * in the `irot`/`imir` properties, not in Exif, and is kept.
 * Items located by reference to other items (construction method 2) or in another file are
 * refused; an Exif or XMP item that shares bytes with any other item or box is refused too.
 */
export function cleanHeif(input: Uint8Array): CleanedCopy {
  const damaged = (reason: string) => new DamagedFileError('heif', reason);
  try {
    // A copy: Buffer.slice would give a view, and cleaning would change the caller's bytes.
    const out = new Uint8Array(input);
    const top = childBoxes(out, 0, out.length);
    if (top[0]?.type !== 'ftyp') throw damaged('no ftyp box first');
    const metas = top.filter((box) => box.type === 'meta');
    if (metas.length !== 1) throw damaged('not exactly one meta box');
    const meta = metas[0]!;
    const children = childBoxes(out, meta.body + 4, meta.end);
    const one = (type: string) => {
      const found = children.filter((box) => box.type === type);
      if (found.length > 1) throw damaged(`more than one ${type} box`);
      return found[0];
    };
    const iinf = one('iinf');
    const iloc = one('iloc');
    const idat = one('idat');
    if (!iinf) return { bytes: out, removed: [] };
    if (!iloc) throw damaged('items without an iloc box');
    const items = readItems(out, iinf);
    const places = readLocations(out, iloc, idat, out.length);
    const removed: RemovedPart[] = [];
    const blank: [Range[], Uint8Array, number][] = [];
    // Everything but the idat payload and the metadata items' bytes must stay as it is.
    const kept: Range[] = top.filter((box) => box !== meta && box.type !== 'mdat').map(span);
    kept.push([meta.start, meta.body + 4]);
    for (const box of children) kept.push(box === idat ? [box.start, box.body] : span(box));
    for (const item of items) {
      // null: stored in another file or built from other items; undefined: no bytes at all.
      const place = places.get(item.id);
      const extents = place === undefined ? [] : place;
      if (item.kind === 'other') kept.push(...(extents ?? []));
      else if (extents === null) throw damaged(`an ${item.kind} item stored elsewhere`);
      else if (extents.length > 0) {
        removed.push(item.kind);
        blank.push(item.kind === 'exif' ? [extents, EMPTY_EXIF, 0] : [extents, EMPTY_XMP, 0x20]);
      }
    }
    for (const [extents] of blank)
      for (const [start, end] of extents)
        if (kept.some(([s, e]) => start < e && s < end))
          throw damaged('a metadata item shares bytes with the image');
    for (const [extents, content, pad] of blank) writeAcross(out, extents, content, pad);
    return { bytes: out, removed: sortedParts(removed) };
  } catch (error) {
    if (error instanceof BoxError || error instanceof RangeError) throw damaged(error.message);
    throw error;
  }
}

function span(box: Box): Range {
  return [box.start, box.end];
}

/**
 * `content` written across the extents as one run of bytes, the rest filled with `pad`;
 * all `pad` when the extents are too short for it.
 */
function writeAcross(out: Uint8Array, extents: Range[], content: Uint8Array, pad: number) {
  const total = extents.reduce((n, [s, e]) => n + e - s, 0);
  const source = total >= content.length ? content : new Uint8Array(0);
  let written = 0;
  for (const [start, end] of extents) {
    out.fill(pad, start, end);
    const piece = source.subarray(written, written + end - start);
    out.set(piece, start);
    written += piece.length;
  }
}

/** The items of `iinf` (ISO/IEC 14496-12, 8.11.6) and which are Exif or XMP. */
function readItems(bytes: Uint8Array, iinf: Box): Item[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[iinf.body]!;
  const countSize = version === 0 ? 2 : 4;
  const entriesAt = iinf.body + 4 + countSize;
  if (entriesAt > iinf.end) throw new BoxError('truncated iinf');
  const items: Item[] = [];
  for (const infe of childBoxes(bytes, entriesAt, iinf.end)) {
    if (infe.type !== 'infe') continue;
    if (items.length >= MAX_ITEMS) throw new BoxError('too many items');
    const infeVersion = bytes[infe.body]!;
    let at = infe.body + 4;
    const need = (n: number) => {
      if (at + n > infe.end) throw new BoxError('truncated infe');
    };
    const string = () => {
      const nul = bytes.subarray(at, infe.end).indexOf(0);
      const end = nul < 0 ? infe.end : at + nul;
      const text = String.fromCharCode(...bytes.subarray(at, Math.min(end, at + 256)));
      at = nul < 0 ? infe.end : end + 1;
      return text;
    };
    let id: number;
    let type = '';
    if (infeVersion >= 2) {
      need(infeVersion === 2 ? 8 : 10);
      id = infeVersion === 2 ? view.getUint16(at) : view.getUint32(at);
      at += infeVersion === 2 ? 4 : 6;
      type = fourcc(bytes, at);
      at += 4;
      string(); // item_name
    } else {
      need(4);
      id = view.getUint16(at);
      at += 4;
      string(); // item_name
    }
    const contentType = type === 'mime' || infeVersion < 2 ? string() : '';
    const kind = type === 'Exif' ? 'exif' : contentType === 'application/rdf+xml' ? 'xmp' : 'other';
    items.push({ id, kind });
  }
  return items;
}

/** Where each item's bytes are (ISO/IEC 14496-12, 8.11.3), as ranges of the file. */
function readLocations(
  bytes: Uint8Array,
  iloc: Box,
  idat: Box | undefined,
  fileEnd: number,
): Map<number, Range[] | null> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[iloc.body]!;
  if (version > 2) throw new BoxError('unknown iloc version');
  let at = iloc.body + 4;
  const read = (size: number) => {
    if (at + size > iloc.end) throw new BoxError('truncated iloc');
    let value: number;
    if (size === 0) value = 0;
    else if (size === 1) value = bytes[at]!;
    else if (size === 2) value = view.getUint16(at);
    else if (size === 4) value = view.getUint32(at);
    else if (size === 8) value = Number(view.getBigUint64(at));
    else throw new BoxError('bad iloc field size');
    at += size;
    return value;
  };
  const sizes = read(1);
  const sizes2 = read(1);
  const offsetSize = sizes >> 4;
  const lengthSize = sizes & 15;
  const baseSize = sizes2 >> 4;
  const indexSize = version === 0 ? 0 : sizes2 & 15;
  const count = read(version < 2 ? 2 : 4);
  if (count > MAX_ITEMS) throw new BoxError('too many items');
  const places = new Map<number, Range[] | null>();
  for (let i = 0; i < count; i += 1) {
    const id = read(version < 2 ? 2 : 4);
    const method = version === 0 ? 0 : read(2) & 15;
    const reference = read(2);
    const base = read(baseSize);
    const extents = read(2);
    const ranges: Range[] = [];
    for (let e = 0; e < extents; e += 1) {
      read(indexSize);
      const offset = read(offsetSize);
      const length = read(lengthSize);
      if (reference !== 0 || method > 1) continue;
      const [origin, limit] = method === 1 ? idatPayload(idat) : [0, fileEnd];
      const start = origin + base + offset;
      const end = length === 0 ? limit : start + length;
      if (start > limit || end > limit) throw new BoxError('an item runs past its data');
      ranges.push([start, end]);
    }
    // In another file or built from other items: not bytes of this file that could be blanked.
    if (!places.has(id)) places.set(id, reference !== 0 || method > 1 ? null : ranges);
  }
  return places;
}

function idatPayload(idat: Box | undefined): Range {
  if (!idat) throw new BoxError('an item in a missing idat box');
  return [idat.body, idat.end];
}
