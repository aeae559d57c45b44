/**
 * A file name shown on one line: bidi overrides and control characters (which can make
 * "gpj.exe" read as "exe.jpg") are shown as visible code points instead of acting.
 */
// Matching control characters is the point (no-control-regex is off for this file: eslint.config.js).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function visibleName(name: string): string {
  return name.replace(
    UNSAFE,
    (ch) => `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}
