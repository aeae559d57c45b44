import { describe, expect, it } from 'vitest';
import { NF, type BuildDoc } from './analyze';
import { utf8 } from './binary';
import type { TermRef } from './languages';
import { Segment, buildSegment, mergeSegments } from './segment';
import { hashChars } from './word-table';

function ref(text: string): TermRef {
  return {
    text,
    hash: hashChars(text, 0, text.length),
    docStamp: 0,
    docSlot: 0,
    segStamp: 0,
    segId: 0,
  };
}

/** A document with the given terms (tf 1 in the body, or `tf` in the title). */
function raw(id: string, terms: string[], tf = 0): BuildDoc {
  const t = new Uint16Array(terms.length * NF);
  terms.forEach((_, i) => (tf > 0 ? (t[i * NF] = tf) : (t[i * NF + 1] = 1)));
  return {
    meta: { id, lang: 'en', flags: 0, dateLo: 0, dateHi: 0, tags: [] },
    analysis: {
      terms: terms.map(ref),
      tf: t,
      lengths: new Uint32Array(NF).fill(terms.length),
      surfaces: [],
    },
  };
}

// Terms across the whole range of UTF-16 / UTF-8 orders, astral characters included (their
// UTF-8 bytes sort after U+E000..U+FFFF although JavaScript strings sort them before).
const TERMS = [
  'a',
  'ab',
  'b',
  'é',
  'ж',
  'ع',
  'क',
  '人',
  '\uE000x',
  '\uFB4F',
  '\uFFEE',
  '𠀋',
  '𠀋a',
  '😀',
  'z9',
];

describe('segment dictionaries', () => {
  it('finds every term, whatever its script or plane', () => {
    const seg = Segment.decode(buildSegment('s', [raw('d1', TERMS), raw('d2', TERMS.slice(0, 5))]));
    expect(seg.termCount).toBe(TERMS.length);
    for (const t of TERMS) {
      const k = seg.findTerm(utf8.encode(t));
      expect(k, t).toBeGreaterThanOrEqual(0);
      expect(seg.termText(k)).toBe(t);
      expect(seg.df[k]).toBe(TERMS.indexOf(t) < 5 ? 2 : 1);
    }
    expect(seg.findTerm(utf8.encode('aa'))).toBe(-1);
    expect(seg.findTerm(utf8.encode('𠀋b'))).toBe(-1);
    const withA = seg.termsWithPrefix(utf8.encode('a'), 100).map((k) => seg.termText(k));
    expect(withA).toEqual(['a', 'ab']);
    const astral = seg.termsWithPrefix(utf8.encode('𠀋'), 100).map((k) => seg.termText(k));
    expect(astral).toEqual(['𠀋', '𠀋a']);
  });

  it('merges two refs of the same term within one document', () => {
    const doc = raw('d', ['x', 'y']);
    doc.analysis.terms.push(ref('x')); // a second ref with the same text
    const tf = new Uint16Array(3 * NF);
    tf.set(doc.analysis.tf);
    tf[2 * NF + 1] = 2;
    doc.analysis.tf = tf;
    const seg = Segment.decode(buildSegment('s', [doc, raw('e', ['x'])]));
    const k = seg.findTerm(utf8.encode('x'));
    expect(seg.termCount).toBe(2);
    expect(seg.df[k]).toBe(2);
    // Doc 0 has tf 1 + 2 = 3 in the body, doc 1 tf 1.
    const p = seg.postStart[k] as number;
    expect([...seg.postings.subarray(p, seg.postStart[k + 1] as number)]).toEqual([
      0,
      0x80 | (1 << 4) | 3,
      1,
      0x80 | (1 << 4) | 1,
    ]);
  });

  it('merges dictionaries and postings, dropping deleted documents', () => {
    const a = Segment.decode(
      buildSegment('a', [raw('1', ['x', '😀', 'ж']), raw('2', ['x', 'y'], 20)]),
    );
    const b = Segment.decode(buildSegment('b', [raw('3', ['\uFFEE', 'x']), raw('4', ['y', '😀'])]));
    b.deleted = new Uint8Array([0, 1]);
    b.deletedCount = 1;
    const m = Segment.decode(mergeSegments('m', [a, b]));
    expect(m.ids).toEqual(['1', '2', '3']);
    const df = (t: string) => {
      const k = m.findTerm(utf8.encode(t));
      return k < 0 ? 0 : (m.df[k] as number);
    };
    expect([df('x'), df('y'), df('😀'), df('ж'), df('\uFFEE')]).toEqual([3, 1, 1, 1, 1]);
    // A multi-byte frequency (tf 20 in the title) survives the copy.
    const k = m.findTerm(utf8.encode('y'));
    const p = m.postStart[k] as number;
    expect([...m.postings.subarray(p, m.postStart[k + 1] as number)]).toEqual([1, 0b1, 20]);
  });
});
