import type { CustodyReport } from './report';

function escape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** User text in its own direction: Arabic and Hebrew right to left, inside left-to-right rows. */
function bidi(text: string, lang = ''): string {
  return `<bdi dir="auto"${lang ? ` lang="${escape(lang)}"` : ''}>${escape(text)}</bdi>`;
}

function detail(value: unknown): string {
  return escape(Array.isArray(value) ? value.join(', ') : String(value));
}

/**
 * The report as a page a lawyer can print from any browser. Text is left to the browser's own
 * shaping (Arabic joins and reorders correctly there; a PDF library would need a shaping
 * engine); user text is isolated with <bdi dir="auto"> so a right-to-left title cannot reorder
 * the table around it. The JSON and its signature remain the evidence; this page is a view.
 */
export function custodyReportHtml(report: CustodyReport): string {
  const r = report.record;
  const rows = (cells: string[][]) =>
    cells.map((c) => `<tr>${c.map((x) => `<td>${x}</td>`).join('')}</tr>`).join('\n');
  return `<!doctype html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Custody report ${escape(r.id)}</title>
<style>
  body { font-family: "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans Devanagari", sans-serif; margin: 2em; }
  table { border-collapse: collapse; width: 100%; margin-bottom: 1.5em; }
  td, th { border: 1px solid #999; padding: 0.3em 0.5em; text-align: start; vertical-align: top; }
  code { font-family: monospace; word-break: break-all; }
  @media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>Chain of custody report</h1>
<p>Record <code>${escape(r.id)}</code>: ${bidi(r.title, r.lang)}</p>
<p>Made ${escape(report.madeAt)} by vault <code>${escape(report.vault.id)}</code>, fingerprint
<strong>${escape(report.vault.fingerprint)}</strong>. Check the signed JSON with
<code>tvault custody verify</code> and compare this fingerprint with the one you know.</p>
<h2>Revisions</h2>
<table><tr><th>Revision</th><th>Saved</th><th>SHA-256</th></tr>
${rows(r.revisions.map((v) => [String(v.revision), escape(v.updatedAt), `<code>${v.sha256}</code>`]))}
</table>
<h2>Files</h2>
<table><tr><th>Name</th><th>Type</th><th>Size (bytes)</th><th>Added</th><th>SHA-256</th></tr>
${rows(r.files.map((f) => [bidi(f.name), escape(f.mime), String(f.size), escape(f.addedAt), `<code>${f.sha256}</code>`]))}
</table>
<h2>Custody log</h2>
<table><tr><th>#</th><th>Time</th><th>Action</th><th>Details</th></tr>
${rows(
  report.entries.map((e) => [
    String(e.seq),
    escape(e.at),
    escape(e.action),
    Object.entries(e.detail)
      .map(
        ([k, v]) => `${escape(k)}: ${k === 'partner' || k === 'to' ? bidi(detail(v)) : detail(v)}`,
      )
      .join('<br>'),
  ]),
)}
</table>
<p>Log head: ${report.log ? `entry ${report.log.seq}, <code>${escape(report.log.hash)}</code>` : 'empty'}.</p>
</body>
</html>
`;
}
