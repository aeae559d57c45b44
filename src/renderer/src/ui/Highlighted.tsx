/** Text with [start, end) ranges marked. React escapes the text: no markup is ever built. */
export function Highlighted({
  text,
  ranges,
  className,
}: {
  text: string;
  ranges: readonly [number, number][];
  /** For marks that mean something other than a search match. */
  className?: string;
}) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  const sorted = [...ranges]
    .filter(([s, e]) => e > s && s >= 0 && e <= text.length)
    .sort((a, b) => a[0] - b[0]);
  for (const [start, end] of sorted) {
    if (start < at) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={start} className={className}>
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
