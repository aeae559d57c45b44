import type { MessageKey } from '../../../shared/i18n';
import type { CustodyProgress } from '../data/custody';
import { useI18n } from '../i18n/I18n';

const PHASES: Record<CustodyProgress['phase'], MessageKey> = {
  records: 'progress.records',
  attachments: 'progress.attachments',
  log: 'progress.log',
  search: 'progress.search',
  database: 'progress.database',
  blobs: 'progress.blobs',
};

/** Which part of the vault a verify or a backup is at, and how far. */
export function CustodyProgressBar({ progress }: { progress: CustodyProgress | null }) {
  const i18n = useI18n();
  if (!progress) return null;
  const percent = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 100;
  const label = i18n.t(PHASES[progress.phase]);
  return (
    <div className="transfer">
      <span>{label}</span>
      <progress max={100} value={percent} aria-label={label} />
      <span>{i18n.number(percent)}%</span>
    </div>
  );
}
