import { useEffect, useState } from 'react';
import type { MessageKey } from '../../../shared/i18n';
import type {
  ExportPreviewView,
  ExportRequestInput,
  ExportResultView,
  PartnerView,
  RefusalReason,
} from '../../../shared/ipc/types';
import { call } from '../api/client';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';
import { BundleProgressBar } from './ProgressBar';
import { useBundleProgress } from './useProgress';

type Scope = 'one' | 'list' | 'all';

const REFUSALS: Record<RefusalReason, MessageKey> = {
  'consent-withdrawn': 'export.refused.withdrawn',
  'consent-unknown': 'export.refused.unknown',
  'archive-only': 'export.refused.archiveOnly',
};

/**
 * The export wizard: what to share and with whom, then a review (consent refusals, unverified
 * partners, how the records will read after redaction), then the signed bundle, written where
 * the person chooses. The consent rules and redaction are the core's; this only shows them.
 */
export function ExportWizard({
  selectedId,
  listIds,
  onClose,
}: {
  selectedId: string | null;
  listIds: readonly string[];
  onClose: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [partners, setPartners] = useState<PartnerView[] | null>(null);
  const [scope, setScope] = useState<Scope>(selectedId ? 'one' : 'list');
  const [to, setTo] = useState<string[]>([]);
  const [includeIdentities, setIncludeIdentities] = useState(false);
  const [withHistory, setWithHistory] = useState(false);
  const [preview, setPreview] = useState<ExportPreviewView | null>(null);
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResultView | null>(null);
  const [error, setError] = useState('');
  const progress = useBundleProgress(busy);

  useEffect(() => {
    call('partners.list', {})
      .then(setPartners)
      .catch((caught) => setError(describeError(i18n, caught)));
  }, [i18n]);

  const request = (): ExportRequestInput => ({
    selection:
      scope === 'one' && selectedId
        ? { ids: [selectedId] }
        : scope === 'list'
          ? { ids: [...listIds] }
          : { all: true },
    to,
    includeIdentities,
    withHistory,
  });

  const review = async () => {
    setError('');
    setBusy(true);
    try {
      setPreview(await call('bundles.preview', request()));
      setConfirmed(false);
    } catch (caught) {
      setError(describeError(i18n, caught));
    } finally {
      setBusy(false);
    }
  };

  const write = async () => {
    setError('');
    setBusy(true);
    try {
      const written = await call('bundles.export', { ...request(), confirmed });
      if (written) setResult(written);
    } catch (caught) {
      setError(describeError(i18n, caught));
    } finally {
      setBusy(false);
    }
  };

  if (result) {
    return (
      <section className="export" aria-labelledby="export-title">
        <h2 id="export-title">{t('export.doneTitle')}</h2>
        <Alert tone="info">
          {t('export.done', {
            records: i18n.number(result.records),
            attachments: i18n.number(result.attachments),
            size: i18n.bytes(result.size),
          })}
        </Alert>
        <p className="mono path" dir="ltr" data-testid="bundle-path">
          {result.path}
        </p>
        {result.attachments > 0 && <p>{t('export.filesAsIs')}</p>}
        <button type="button" onClick={onClose}>
          {t('export.close')}
        </button>
      </section>
    );
  }

  if (preview) {
    const blocked = preview.records === 0 || (preview.needsConfirmation && !confirmed);
    return (
      <section className="export" aria-labelledby="export-title" aria-busy={busy}>
        <h2 id="export-title">{t('export.reviewTitle')}</h2>
        <h3>{t('export.recipients')}</h3>
        <ul>
          {preview.recipients.map((r) => (
            <li key={r.name}>
              <span dir="auto">{r.name}</span>{' '}
              <span className="fingerprint" dir="ltr">
                {r.fingerprint}
              </span>{' '}
              {!r.verified && <span className="badge warn">{t('sharing.notVerified')}</span>}
            </li>
          ))}
        </ul>
        <p>
          {t('export.counts', {
            records: i18n.number(preview.records),
            attachments: i18n.number(preview.attachments),
          })}
        </p>
        {preview.refused.length > 0 && (
          <>
            <h3>{t('export.refusedTitle', { n: i18n.number(preview.refused.length) })}</h3>
            <ul className="refused" data-testid="refused">
              {preview.refused.map((r) => (
                <li key={r.id}>
                  <span dir="auto">{r.title}</span> — {t(REFUSALS[r.reason])}
                </li>
              ))}
            </ul>
          </>
        )}
        {preview.samples.length > 0 && (
          <>
            <h3>{t('export.asPartnerSees')}</h3>
            <ul className="samples" data-testid="samples">
              {preview.samples.map((s) => (
                <li key={s.id} className="sample">
                  <strong dir="auto">{s.title}</strong>{' '}
                  {s.redacted ? (
                    <span className="badge ok">{t('export.redacted')}</span>
                  ) : (
                    <span className="badge identifying">{t('export.identitiesKept')}</span>
                  )}
                  {s.narrator && (
                    <p>
                      {t('field.narrator')}: <span dir="auto">{s.narrator}</span>
                    </p>
                  )}
                  <p className="excerpt" dir="auto">
                    {s.excerpt}
                  </p>
                </li>
              ))}
            </ul>
          </>
        )}
        {preview.needsConfirmation && preview.records > 0 && (
          <label className="check">
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(e) => setConfirmed(e.target.checked)}
            />
            {t('export.confirm')}
          </label>
        )}
        <BundleProgressBar progress={busy ? progress : null} />
        <Alert>{error}</Alert>
        <div className="actions">
          <button type="button" onClick={() => setPreview(null)} disabled={busy}>
            {t('export.back')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy || blocked}
            onClick={() => void write()}
          >
            {t('export.write')}
          </button>
        </div>
      </section>
    );
  }

  return (
    <section className="export" aria-labelledby="export-title" aria-busy={busy}>
      <h2 id="export-title">{t('export.title')}</h2>
      <fieldset>
        <legend>{t('export.what')}</legend>
        {(
          [
            ['one', t('export.scopeOne'), selectedId !== null],
            ['list', t('export.scopeList', { n: i18n.number(listIds.length) }), listIds.length > 0],
            ['all', t('export.scopeAll'), true],
          ] as const
        ).map(([value, label, enabled]) => (
          <label key={value} className="check">
            <input
              type="radio"
              name="export-scope"
              value={value}
              disabled={!enabled}
              checked={scope === value}
              onChange={() => setScope(value)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('export.to')}</legend>
        {partners && partners.length === 0 && <p className="muted">{t('export.noPartners')}</p>}
        {partners?.map((p) => (
          <label key={p.name} className="check">
            <input
              type="checkbox"
              checked={to.includes(p.name)}
              onChange={(e) =>
                setTo((list) =>
                  e.target.checked ? [...list, p.name] : list.filter((n) => n !== p.name),
                )
              }
            />
            <span dir="auto">{p.name}</span>
            {!p.verified && <span className="badge warn">{t('sharing.notVerified')}</span>}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('export.how')}</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={!includeIdentities}
            onChange={(e) => setIncludeIdentities(!e.target.checked)}
          />
          {t('export.redactIdentities')}
        </label>
        {includeIdentities && <Alert>{t('export.identitiesWarning')}</Alert>}
        <label className="check">
          <input
            type="checkbox"
            checked={withHistory}
            onChange={(e) => setWithHistory(e.target.checked)}
          />
          {t('export.withHistory')}
        </label>
      </fieldset>
      <Alert>{error}</Alert>
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('form.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || to.length === 0}
          onClick={() => void review()}
        >
          {t('export.next')}
        </button>
      </div>
    </section>
  );
}
