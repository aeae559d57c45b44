import { describe, expect, it } from 'vitest';
import { splitPieces } from './long-text';

describe('splitPieces', () => {
  it('joins back to the text, cuts at line ends when it can, never inside a surrogate pair', () => {
    const text = `${'a'.repeat(95)}\n${'b'.repeat(200)}`;
    const pieces = splitPieces(text, 100);
    expect(pieces.join('')).toBe(text);
    expect(pieces[0]).toBe(`${'a'.repeat(95)}\n`);
    const emoji = `${'x'.repeat(99)}😀${'y'.repeat(50)}`;
    const cut = splitPieces(emoji, 100);
    expect(cut.join('')).toBe(emoji);
    expect(cut[0]).toBe('x'.repeat(99));
    expect(splitPieces('short', 100)).toEqual(['short']);
    expect(splitPieces('', 100)).toEqual(['']);
  });
});
