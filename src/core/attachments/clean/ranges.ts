/** A half-open byte range [start, end) of a file. */
export type Range = [number, number];

/**
 * Overwrites with zeros the bytes of `gone` that no range of `kept` covers. In-place cleaners
 * (TIFF, ISOBMFF) blank removed values this way: a hostile or unusual file may point a removed
 * tag at bytes something kept also uses (image data, another table), and those must stay.
 */
export function zeroOutside(out: Uint8Array, gone: Range[], kept: Range[]): void {
  const merged = merge(kept);
  for (const [start, end] of gone) {
    let at = start;
    // The first kept range that ends after `at` (binary search: files may list many strips).
    let lo = 0;
    let hi = merged.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (merged[mid]![1] <= at) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; at < end; i += 1) {
      const next = merged[i];
      if (!next || next[0] >= end) {
        out.fill(0, at, end);
        break;
      }
      if (next[0] > at) out.fill(0, at, next[0]);
      at = Math.max(at, next[1]);
    }
  }
}

/** Sorted, disjoint ranges covering the same bytes. */
function merge(ranges: Range[]): Range[] {
  const sorted = ranges.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const merged: Range[] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}
