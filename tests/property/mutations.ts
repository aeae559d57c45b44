import fc from 'fast-check';

/**
 * Byte-level changes of a valid input, each one a real change (never the input itself):
 * cut short, one byte flipped, bytes appended, a range overwritten with random bytes.
 */
export function mutationOf(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  const at = fc.nat({ max: valid.length - 1 });
  const truncated = at.map((n) => valid.slice(0, n));
  const flipped = fc.tuple(at, fc.integer({ min: 1, max: 255 })).map(([i, mask]) => {
    const copy = Uint8Array.from(valid);
    copy[i]! ^= mask;
    return copy;
  });
  const extended = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((tail) => {
    const copy = new Uint8Array(valid.length + tail.length);
    copy.set(valid);
    copy.set(tail, valid.length);
    return copy;
  });
  const overwritten = fc
    .tuple(at, fc.uint8Array({ minLength: 1, maxLength: 16 }))
    .map(([i, bytes]) => {
      const copy = Uint8Array.from(valid);
      copy.set(bytes.subarray(0, copy.length - i), i);
      return copy;
    })
    .filter((copy) => copy.some((byte, i) => byte !== valid[i]));
  return fc.oneof(truncated, flipped, extended, overwritten);
}

/** A JSON value with one member replaced by an arbitrary JSON value (a structural mutation). */
export function memberReplaced(
  valid: Record<string, unknown>,
): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(valid);
  return fc
    .tuple(fc.constantFrom(...keys), fc.jsonValue({ maxDepth: 3 }))
    .map(([key, value]) => ({ ...valid, [key]: value }));
}
