import { describe, expect, it } from 'vitest';
import { emptyFields } from '../../src/shared/records/types';
import { LIMITS, utf8ByteLength, validateFields } from '../../src/shared/records/validate';

describe('utf8ByteLength', () => {
  it('counts what UTF-8 takes, for every width of character', () => {
    const samples = [
      '',
      'plain ASCII text\n',
      'déjà vu, São Paulo',
      'شهادة عن ليلة الاعتقال',
      '证词 / 証言',
      'emoji 🏳️‍🌈 and 𝕏 beyond the BMP',
      '\u007f\u0080\u07ff\u0800\uffff\u{10000}\u{10ffff}',
    ];
    for (const text of samples)
      expect(utf8ByteLength(text)).toBe(new TextEncoder().encode(text).length);
  });

  it('holds the body limit: one byte more is refused', () => {
    const fields = { ...emptyFields(), title: 'T', body: 'é'.repeat(LIMITS.bodyBytes / 2) };
    expect(validateFields(fields).body.length).toBe(LIMITS.bodyBytes / 2);
    expect(() => validateFields({ ...fields, body: `${fields.body}x` })).toThrow(/larger than/);
  });
});
