/** The q-quantile of sorted values, linearly interpolated. */
export function quantile(sorted: number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low]! + (sorted[Math.ceil(at)]! - sorted[low]!) * (at - low);
}

/** A ratio as a percentage change, one decimal. */
export function pct(ratio: number): number {
  return Math.round((ratio - 1) * 1000) / 10;
}
