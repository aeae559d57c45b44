import { decodeEntities, tidy } from './html';

/**
 * The spoken text of SubRip (.srt) and WebVTT (.vtt) subtitles: cue numbers, timings, the
 * WEBVTT header, NOTE/STYLE/REGION blocks and inline tags (<i>, <v Speaker>, <c.x>) removed.
 * Transcripts of recorded testimonies often arrive this way.
 */
const TIMING =
  /^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[.,]\d{1,3}.*$/;

export function subtitlesToText(source: string): string {
  const blocks = source.replace(/\r\n?/g, '\n').split(/\n{2,}/);
  const lines: string[] = [];
  for (const block of blocks) {
    const rows = block.split('\n');
    const first = rows[0]?.trim() ?? '';
    if (/^(?:WEBVTT|NOTE|STYLE|REGION)\b/.test(first)) continue;
    // A cue is "[identifier]\ntiming\ntext…": whatever precedes the timing line is its id.
    const timing = rows.findIndex((row) => TIMING.test(row));
    for (const row of rows.slice(timing + 1)) {
      if (TIMING.test(row)) continue;
      lines.push(row);
    }
    lines.push('');
  }
  return tidy(decodeEntities(lines.join('\n').replace(/<[^>]*>/g, '')));
}
