const encoder = new TextEncoder();

/**
 * Builds associated data from labelled parts, length-prefixed so that no two tuples collide:
 * each part is its decimal text (numbers) or UTF-8 (strings), after a 4-byte big-endian length.
 */
export function associatedData(...parts: (string | number)[]): Uint8Array {
  const chunks = parts.map((part) => encoder.encode(String(part)));
  const total = chunks.reduce((sum, c) => sum + 4 + c.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  let offset = 0;
  for (const chunk of chunks) {
    view.setUint32(offset, chunk.length);
    out.set(chunk, offset + 4);
    offset += 4 + chunk.length;
  }
  return out;
}
