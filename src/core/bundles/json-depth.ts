/**
 * How deeply a JSON text nests, found in one linear pass over its bytes before JSON.parse runs.
 * A partner's bundle decides its own manifest and record bytes: a 16 MiB manifest of nested
 * arrays held the main process for 5.7 s inside JSON.parse, a 60 MB record for 25 s and 2 GB,
 * before any signature was checked. Nothing in the format nests deeper than a few levels, so
 * anything past MAX_JSON_DEPTH is refused at the cost of one byte scan (docs/bundle-format.md,
 * "Limits"). Only brackets outside strings count; the text is not otherwise interpreted, and
 * JSON.parse still decides whether it is valid.
 */
export const MAX_JSON_DEPTH = 16;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/** True when no array or object in `bytes` nests deeper than `maxDepth`. */
export function withinJsonDepth(bytes: Uint8Array, maxDepth = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > maxDepth) return false;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) depth--;
  }
  return true;
}
