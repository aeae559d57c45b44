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

/**
 * A function of the parts that follow a fixed prefix, for associated data built thousands of
 * times with the same first parts (a log entry's label and vault id, then its seq). The prefix's
 * bytes are built once per value of `key`; the result equals `associatedData(...prefix, ...rest)`
 * since each part is encoded on its own.
 */
export function associatedDataWithPrefix<K extends string>(
  prefix: (key: K) => (string | number)[],
): (key: K, ...rest: (string | number)[]) => Uint8Array {
  let last: { key: K; bytes: Uint8Array } | null = null;
  return (key, ...rest) => {
    if (last?.key !== key) last = { key, bytes: associatedData(...prefix(key)) };
    if (rest.length === 0) return last.bytes.slice();
    const tail = associatedData(...rest);
    const out = new Uint8Array(last.bytes.length + tail.length);
    out.set(last.bytes);
    out.set(tail, last.bytes.length);
    return out;
  };
}
