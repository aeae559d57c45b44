/**
 * A long text cut into pieces that can be rendered one after another: at a line break when one
 * falls in the last tenth of a piece (so a piece ends where a line does), else at the size,
 * never inside a surrogate pair.
 */
export const PIECE_CHARS = 100_000;

export function splitPieces(text: string, size = PIECE_CHARS): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > size) {
    let end = start + size;
    const newline = text.lastIndexOf('\n', end - 1);
    if (newline >= end - size / 10) end = newline + 1;
    else if (/[\uD800-\uDBFF]/.test(text[end - 1]!)) end -= 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  pieces.push(text.slice(start));
  return pieces;
}
