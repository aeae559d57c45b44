/**
 * Word-level differences between two revisions of a text, for the history view. Myers' O(ND)
 * algorithm on tokens (words and the whitespace between them), after trimming the common start
 * and end. Past a bound on the number of edits it reports the middle as replaced whole, so a
 * rewritten 100 KB testimony cannot freeze the window.
 */
export type DiffPart = { op: 'equal' | 'insert' | 'delete'; text: string };

export function tokenize(text: string): string[] {
  return text.match(/\s+|[^\s]+/gu) ?? [];
}

export function diffWords(before: string, after: string, maxEdits = 4000): DiffPart[] {
  return merge(diffTokens(tokenize(before), tokenize(after), maxEdits));
}

export function diffTokens(a: string[], b: string[], maxEdits: number): DiffPart[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: DiffPart[] = a.slice(0, start).map((text) => ({ op: 'equal', text }));
  const tail: DiffPart[] = a.slice(endA).map((text) => ({ op: 'equal', text }));
  const middle = myers(a.slice(start, endA), b.slice(start, endB), maxEdits);
  return [...head, ...middle, ...tail];
}

function myers(a: string[], b: string[], maxEdits: number): DiffPart[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((text) => ({ op: 'insert', text }));
  if (m === 0) return a.map((text) => ({ op: 'delete', text }));
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset);
    }
  }
  // Too many edits to be worth showing word by word.
  return [
    ...a.map((text) => ({ op: 'delete' as const, text })),
    ...b.map((text) => ({ op: 'insert' as const, text })),
  ];
}

function backtrack(trace: Int32Array[], a: string[], b: string[], offset: number): DiffPart[] {
  const out: DiffPart[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = d === 0 ? 0 : v[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: 'equal', text: a[--x]! });
      y--;
    }
    if (d === 0) break;
    if (x === prevX) out.push({ op: 'insert', text: b[--y]! });
    else out.push({ op: 'delete', text: a[--x]! });
  }
  while (x > 0 && y > 0) {
    out.push({ op: 'equal', text: a[--x]! });
    y--;
  }
  return out.reverse();
}

/** Joins neighbouring parts of the same kind, so the view has few elements. */
function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const part of parts) {
    const last = out[out.length - 1];
    if (last && last.op === part.op) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}
