import { safeFileName } from '../shared/text/format-chars';

/**
 * A stored file name as a default for the save dialog: the name is untrusted (it came with a
 * dropped file or a partner's bundle), so only its last segment is kept and characters that are
 * unsafe in file names or that disguise text (controls, zero-width and bidi characters, U+2028)
 * are replaced (src/shared/text/format-chars.ts).
 */
export function safeSaveName(name: string): string {
  return safeFileName(name, 'evidence');
}
