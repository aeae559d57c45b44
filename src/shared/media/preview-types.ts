/**
 * The evidence types the app shows inline, and how. One list for both sides: the renderer embeds
 * a preview only for these, and the media protocol serves only these with their own type (all
 * else as an opaque download), so the two cannot drift apart. None of them can run script: no
 * HTML, SVG, XML or JavaScript; their content is sniffed at ingest, never taken from a name.
 */
export type PreviewKind = 'image' | 'audio' | 'video' | 'pdf';

const IMAGE = /^image\/(?:png|jpeg|gif|webp|avif|bmp)$/;
// A plain subtype token: "audio/" alone or "audio/x;y" is no preview type.
const AUDIO = /^audio\/[a-z0-9][a-z0-9.+-]*$/;
const VIDEO = /^video\/[a-z0-9][a-z0-9.+-]*$/;

/** How `mime` (exactly as stored: lower case, no parameters) is previewed, or null if not. */
export function previewKindOf(mime: string): PreviewKind | null {
  if (IMAGE.test(mime)) return 'image';
  if (AUDIO.test(mime)) return 'audio';
  if (VIDEO.test(mime)) return 'video';
  if (mime === 'application/pdf') return 'pdf';
  return null;
}
