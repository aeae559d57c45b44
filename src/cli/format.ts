import type { RecordSummary, TestimonyRecord } from '../shared/records/types';

/**
 * Text output for people. Control characters (including bidi overrides such as U+202E) are
 * shown escaped in one-line contexts so that stored text cannot rewrite the terminal or
 * disguise what a line says.
 */
const INLINE_UNSAFE =
  // Matching control characters is the point (no-control-regex is off for this file: eslint.config.js).
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const BLOCK_UNSAFE =
  // Matching control characters is the point (no-control-regex is off for this file: eslint.config.js).
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function safeInline(text: string): string {
  return text.replace(INLINE_UNSAFE, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}

/** Multi-line text keeps newlines and tabs but escapes other control characters. */
export function safeBlock(text: string): string {
  return text.replace(BLOCK_UNSAFE, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}

export function formatSummaryLine(summary: RecordSummary): string {
  return `${summary.id}  ${(summary.date ?? '----------').padEnd(10)}  ${safeInline(summary.title)}`;
}

export function formatRecord(record: TestimonyRecord): string {
  const lines = [
    `id:        ${record.id}  (revision ${record.revision})`,
    `title:     ${safeInline(record.title)}`,
    `language:  ${record.lang || '-'}`,
    `narrator:  ${record.narrator ? `${safeInline(record.narrator)}  [identifying]` : '-'}`,
    `date:      ${record.date ?? '-'}`,
    `place:     ${safeInline(record.place) || '-'}`,
    `tags:      ${record.tags.map(safeInline).join(', ') || '-'}`,
    `consent:   ${record.consent.status}, ${record.consent.scope}${record.consent.date ? `, ${record.consent.date}` : ''}${record.consent.note ? ` (${safeInline(record.consent.note)})` : ''}`,
    `created:   ${record.createdAt}`,
    `updated:   ${record.updatedAt}`,
  ];
  if (record.provenance) {
    lines.push(
      `received:  from ${safeInline(record.provenance.partner)} on ${record.provenance.receivedAt} (${record.provenance.senderFingerprint})`,
    );
  }
  if (record.identifying.length) lines.push(`identifying passages: ${record.identifying.length}`);
  if (record.warning) lines.push('', `CONTENT WARNING: ${safeInline(record.warning)}`);
  lines.push('', safeBlock(record.body));
  if (record.notes) lines.push('', 'notes:', safeBlock(record.notes));
  return lines.join('\n');
}
