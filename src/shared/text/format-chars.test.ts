import { describe, expect, it } from 'vitest';
import { safeFileName, visibleBidiControls, visibleName } from './format-chars';

describe('display spoofing (docs/security.md, "Display spoofing")', () => {
  it('file names: zero-width characters, U+061C and U+2028 are shown, not hidden', () => {
    expect(visibleName('photo.jpg\u200B\u200B\u200B.exe')).toBe(
      'photo.jpg⟨U+200B⟩⟨U+200B⟩⟨U+200B⟩.exe',
    );
    expect(visibleName('a\u061Cb\u2028c\u2029d\u00ADe\uFEFFf')).toBe(
      'a⟨U+061C⟩b⟨U+2028⟩c⟨U+2029⟩d⟨U+00AD⟩e⟨U+FEFF⟩f',
    );
    expect(visibleName('gpj\u202E.exe')).toBe('gpj⟨U+202E⟩.exe');
    expect(visibleName('tab\there\u0000')).toBe('tab⟨U+0009⟩here⟨U+0000⟩');
  });

  it('file names keep joiners that scripts and emoji need', () => {
    expect(visibleName('می\u200Cخواهم.pdf')).toBe('می\u200Cخواهم.pdf');
    expect(visibleName('क्\u200Dष.txt')).toBe('क्\u200Dष.txt');
    expect(visibleName('👩\u200D💻.png')).toBe('👩\u200D💻.png');
    expect(visibleName('a.jpg\u200D.exe')).toBe('a.jpg⟨U+200D⟩.exe');
  });

  it('stored text: explicit overrides, embeddings and isolates become visible; marks stay', () => {
    expect(visibleBidiControls('Consent \u202Enwardhtiw\u202C')).toBe(
      'Consent ⟨U+202E⟩nwardhtiw⟨U+202C⟩',
    );
    expect(visibleBidiControls('\u2067withdrawn not\u2069')).toBe('⟨U+2067⟩withdrawn not⟨U+2069⟩');
    expect(visibleBidiControls('مرحبا\u200F (2023)')).toBe('مرحبا\u200F (2023)');
  });

  it('save names: last segment, invisible and unsafe characters replaced, never empty', () => {
    expect(safeFileName('photo.jpg\u200B\u200B\u200B.exe')).toBe('photo.jpg___.exe');
    expect(safeFileName('../../etc/pass\u2028wd')).toBe('pass_wd');
    expect(safeFileName('a\u061Cb<c>:d|e?.txt')).toBe('a_b_c__d_e_.txt');
    expect(safeFileName('...hidden')).toBe('hidden');
    expect(safeFileName('\u202E')).toBe('_');
    expect(safeFileName('')).toBe('evidence');
  });
});
