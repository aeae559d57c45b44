/**
 * How deeply a JSON text nests and how many values it holds, found in one linear pass over its
 * bytes before JSON.parse runs. A partner's bundle decides its own manifest and record bytes: a
 * 16 MiB manifest of nested arrays held the main process for 5.7 s inside JSON.parse, a 60 MB
 * record for 25 s and 2 GB. Nothing in the format nests deeper than a few levels, so anything
 * past MAX_JSON_DEPTH is refused at the cost of one byte scan (docs/bundle-format.md, "Limits").
 * The value count bounds what a parse can build (and what the parsed value costs to hand back
 * from the worker that parses it, json-worker.ts): 16 MiB of `0,` is eight million values.
 * Only brackets and commas outside strings count; the text is not otherwise interpreted, and
 * JSON.parse still decides whether it is valid.
 */
export const MAX_JSON_DEPTH = 16;

export type JsonShapeFault = 'depth' | 'values';

/**
 * 'depth' when an array or object nests deeper than `maxDepth`, 'values' when the text holds
 * more than `maxValues` values (counted as opening brackets and commas, an upper bound of
 * containers and members), null otherwise.
 *
 * Self-contained on purpose (no module constants, no calls): json-worker.ts runs this very
 * function inside its worker thread through its source text, so there is one implementation.
 */
export function jsonShapeFault(
  bytes: Uint8Array,
  maxDepth: number,
  maxValues: number,
): 'depth' | 'values' | null {
  // '"' 0x22, '\\' 0x5c, '[' 0x5b, ']' 0x5d, '{' 0x7b, '}' 0x7d, ',' 0x2c
  let depth = 0;
  let values = 1;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (byte === 0x5c) i++;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > maxDepth) return 'depth';
      if (++values > maxValues) return 'values';
    } else if (byte === 0x5d || byte === 0x7d) depth--;
    else if (byte === 0x2c && ++values > maxValues) return 'values';
  }
  return null;
}

/** True when no array or object in `bytes` nests deeper than `maxDepth`. */
export function withinJsonDepth(bytes: Uint8Array, maxDepth = MAX_JSON_DEPTH): boolean {
  return jsonShapeFault(bytes, maxDepth, Number.POSITIVE_INFINITY) !== 'depth';
}
