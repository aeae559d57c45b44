import type { ReportPosition, SourceImportReport } from '../core/import/run-import';
import { safeInline } from './format';

function where(position: ReportPosition): string {
  const [unit, at] = Object.entries(position).find(([, v]) => typeof v === 'number')!;
  return `${unit} ${at}`;
}

/** The summary of `tvault import --from …` (and of its --dry-run) for a person. */
export function formatSourceImport(report: SourceImportReport): string {
  const would = report.dryRun ? 'Would import' : 'Imported';
  const lines = [
    `${report.dryRun ? 'Dry run, nothing written. ' : ''}${would} from ${report.source}: ${report.created} new, ${report.updated} updated, ${report.unchanged} unchanged.`,
  ];
  if (report.withoutConsent > 0)
    lines.push(
      `${report.withoutConsent} record(s) without consent in the export: consent "unknown".`,
    );
  if (report.rejected.length > 0) {
    lines.push(`Rejected ${report.rejected.length} record(s):`);
    for (const r of report.rejected) lines.push(`  ${where(r)}: ${safeInline(r.reason)}`);
  }
  const { attached, alreadyThere, problems } = report.attachments;
  if (attached + alreadyThere + problems.length > 0) {
    lines.push(
      `Attachments: ${attached} ${report.dryRun ? 'found' : 'attached'}, ${alreadyThere} already there.`,
    );
    for (const p of problems) lines.push(`  ${where(p)}, file ${p.file}: ${p.reason}`);
  }
  if (report.unmapped.length > 0)
    lines.push(
      `Not imported (unmapped source fields): ${report.unmapped.map(safeInline).join(', ')}`,
    );
  if (report.gathered.length > 0)
    lines.push(
      `Gathered into the body as "name: value" lines: ${report.gathered.map(safeInline).join(', ')}`,
    );
  return lines.join('\n');
}
