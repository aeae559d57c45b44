/**
 * What a person reads must be what is stored (docs/security.md, "Display spoofing"). Hostile
 * names and texts use characters that act without being seen: zero-width spaces hide a second
 * extension ("photo.jpg\u200B\u200B\u200B.exe"), bidi overrides reverse letters ("Consent
 * \u202Enwardhtiw\u202C" reads "Consent withdrawn"), U+2028 breaks a line inside a name.
 *
 * - File names are never reordered or split: every control (Cc), format character (Cf: zero-width
 *   characters, bidi marks, embeddings, overrides, isolates, U+061C, soft hyphen...) and line or
 *   paragraph separator is shown as a visible ⟨U+XXXX⟩, except a zero-width joiner or non-joiner
 *   between two letters or emoji, which Persian, Indic scripts and emoji sequences need.
 * - Stored text (titles, narrators, tags, bodies) keeps its implicit marks (LRM, RLM, ALM: typed
 *   in Arabic and Hebrew every day, they cannot reorder letters), but the explicit embeddings,
 *   overrides and isolates (U+202A-U+202E, U+2066-U+2069), which can, are shown as visible marks.
 *   The renderer also isolates each field (<bdi dir="auto">) so nothing leaks into its neighbours.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const BIDI_EXPLICIT = /[\u202A-\u202E\u2066-\u2069]/g;
const JOINERS = new Set(['\u200C', '\u200D']);
const JOINABLE = /[\p{L}\p{M}\p{Extended_Pictographic}\uFE0F]/u;

export function codePointMark(ch: string): string {
  return `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

function replaceInvisible(text: string, by: (ch: string) => string): string {
  return text.replace(INVISIBLE, (ch, offset: number) => {
    if (JOINERS.has(ch)) {
      const before = text.slice(Math.max(0, offset - 2), offset);
      const after = text.slice(offset + 1, offset + 3);
      const prev = [...before].pop() ?? '';
      const next = [...after][0] ?? '';
      if (JOINABLE.test(prev) && JOINABLE.test(next)) return ch;
    }
    return by(ch);
  });
}

/** A file name for display: every invisible character shown as ⟨U+XXXX⟩. */
export function visibleName(name: string): string {
  return replaceInvisible(name, codePointMark);
}

/** Stored text for display: explicit bidi embeddings, overrides and isolates made visible. */
export function visibleBidiControls(text: string): string {
  return text.replace(BIDI_EXPLICIT, codePointMark);
}

/** Characters that Windows, macOS or Linux refuse or treat specially in a file name. */
const PATH_UNSAFE = /[<>:"|?*/\\]/g;

/**
 * A stored name as a default file name (the save dialog): the last path segment only, with
 * invisible and path-unsafe characters replaced by "_", no leading dots, at most 200 characters.
 * "photo.jpg\u200B\u200B\u200B.exe" becomes "photo.jpg___.exe": the real extension is seen.
 */
export function safeFileName(name: string, fallback = 'evidence'): string {
  const last = name.split(/[/\\]/).pop() ?? '';
  const cleaned = replaceInvisible(last, () => '_')
    .replace(PATH_UNSAFE, '_')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || fallback;
}
