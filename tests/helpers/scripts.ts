/**
 * Text in the scripts the archive must keep intact, for round-trip tests. Every sample is
 * already in Unicode NFC (the vault stores text NFC-normalised, see src/shared/records/validate.ts),
 * so a round trip must return it unchanged, code point for code point.
 */
export const SCRIPT_SAMPLES = {
  arabic: 'شَهَادَة عن التحرّش في مكان العمل، حدث ذلك في ٢٠٢٣ — «لم أكن وحدي»',
  persian: 'گزارش آزار خیابانی در تهران؛ راوی نخواست نامش ثبت شود',
  hebrew: 'עֵדוּת על הטרדה ברשת',
  cyrillic: 'Свидетельство о преследовании: Ёё Її Ґґ Ўў Љљ',
  devanagari: 'गवाही: उत्पीड\u093C\u0928 की घटना, क्षत्रिय ज्ञान श्री',
  bengali: 'সাক্ষ্য: অনলাইনে হয়রানি',
  tamil: 'சாட்சியம்: இணைய துன்புறுத்தல்',
  thai: 'คำให้การเรื่องการล่วงละเมิด',
  chinese: '证词：在网上受到骚扰和威胁。𠀀𠀁（扩展B区）',
  japanese: '証言：ネット上の嫌がらせ、ｶﾀｶﾅ半角',
  korean: '증언: 온라인 괴롭힘',
  emoji: '🏳️‍🌈 🏳️‍⚧️ 👩🏽‍⚖️ ✊🏿 🇸🇳 🇧🇷 👩‍👩‍👧',
  rtlMarks: 'left\u200Fright\u200E mark \u061C arabic letter mark',
  bidiControls:
    'ok \u202Eevil\u202C \u2067isolate\u2069 \u202A\u202B\u202D\u2066\u2068\u2069\u202C',
  combining: 'q\u0303 Z\u0351\u0300 x\u0331\u0301 ǹ̈ \u0119\u0304',
  zeroWidth: 'zero\u200Bwidth\u200Cnon\u200Djoiner\u2060word',
  mixed: 'Testimony / شهادة / Свидетельство / गवाही / 证词 ✊🏿',
} as const;

export type ScriptName = keyof typeof SCRIPT_SAMPLES;

export const SCRIPT_NAMES = Object.keys(SCRIPT_SAMPLES) as ScriptName[];

/**
 * A body of about `bytes` UTF-8 bytes cycling through every sample, with line breaks and tabs:
 * a realistic long testimony (100 KB is normal).
 */
export function multilingualBody(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  let i = 0;
  while (size < bytes) {
    const sample = SCRIPT_SAMPLES[SCRIPT_NAMES[i % SCRIPT_NAMES.length]!];
    const piece = `${i}\t${sample}\n`;
    parts.push(piece);
    size += Buffer.byteLength(piece, 'utf8');
    i += 1;
  }
  return parts.join('');
}

/** A marker that cannot occur by chance in ciphertext or SQLite structures. */
export function marker(label: string): string {
  return `MARKER-${label}-${Math.random().toString(36).slice(2, 12)}-END`;
}
