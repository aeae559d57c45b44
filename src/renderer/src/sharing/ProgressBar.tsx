import type { MessageKey } from '../../../shared/i18n';
import { useI18n } from '../i18n/I18n';
import type { BundleProgress } from './useProgress';

const PHASES: Record<BundleProgress['phase'], MessageKey> = {
  write: 'sharing.phase.write',
  verify: 'sharing.phase.verify',
  import: 'sharing.phase.import',
};

export function BundleProgressBar({ progress }: { progress: BundleProgress | null }) {
  const i18n = useI18n();
  if (!progress) return null;
  const percent = progress.total > 0 ? Math.floor((progress.done / progress.total) * 100) : 100;
  return (
    <div className="transfer">
      <span>{i18n.t(PHASES[progress.phase])}</span>
      <progress max={100} value={percent} aria-label={i18n.t(PHASES[progress.phase])} />
      <span>{i18n.number(percent)}%</span>
    </div>
  );
}
