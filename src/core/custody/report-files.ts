import { writeFileAtomic } from '../fs/atomic';
import type { Vault } from '../vault/vault';
import { makeCustodyReport } from './report';
import { custodyReportHtml } from './report-html';

/**
 * Writes one record's custody report where the person chose (the app's save dialog): `json`
 * is the evidence, the report and its detached signature beside it (PATH.sig), as
 * `tvault custody ID --out PATH` writes them; `html` the printable page. Each file appears
 * whole or not at all. Returns the files written.
 */
export function writeCustodyReport(
  vault: Vault,
  recordId: string,
  form: 'json' | 'html',
  path: string,
): string[] {
  const made = makeCustodyReport(vault, recordId);
  if (form === 'html') {
    writeFileAtomic(path, custodyReportHtml(made.report));
    return [path];
  }
  writeFileAtomic(path, made.json);
  writeFileAtomic(`${path}.sig`, made.signature);
  return [path, `${path}.sig`];
}
