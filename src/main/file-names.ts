/**
 * A stored file name as a default for the save dialog: the name is untrusted (it came with a
 * dropped file or a partner's bundle), so only its last segment is kept and characters that
 * are unsafe in file names or that disguise text (controls, bidi overrides) are replaced.
 */
// Matching control characters is the point (no-control-regex is off for this file: eslint.config.js).
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"|?*]/g;

export function safeSaveName(name: string): string {
  const last = name.split(/[/\\]/).pop() ?? '';
  const cleaned = last.replace(UNSAFE, '_').replace(/^\.+/, '').trim().slice(0, 200);
  return cleaned || 'evidence';
}
