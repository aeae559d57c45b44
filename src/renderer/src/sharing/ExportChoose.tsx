import { usePartners } from '../data/partners';
import { useI18n } from '../i18n/I18n';
import { useFocusOnMount } from '../ui/focus';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';

export type Scope = 'one' | 'list' | 'all';

export interface ExportChoice {
  scope: Scope;
  to: string[];
  includeIdentities: boolean;
  withHistory: boolean;
}

/** The wizard's first step: which records, to whom, and how. */
export function ExportChoose({
  choice,
  onChoice,
  selectedId,
  listCount,
  busy,
  error,
  onClose,
  onNext,
}: {
  choice: ExportChoice;
  onChoice: (choice: ExportChoice) => void;
  selectedId: string | null;
  listCount: number;
  busy: boolean;
  error: unknown;
  onClose: () => void;
  onNext: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const partners = usePartners();
  const set = <K extends keyof ExportChoice>(key: K, value: ExportChoice[K]) =>
    onChoice({ ...choice, [key]: value });
  const scopes = [
    ['one', t('export.scopeOne'), selectedId !== null],
    ['list', t('export.scopeList', { n: i18n.number(listCount) }), listCount > 0],
    ['all', t('export.scopeAll'), true],
  ] as const;
  const failure = error ?? partners.error;

  return (
    <section className="export" aria-labelledby="export-title" aria-busy={busy}>
      <h2 id="export-title" ref={heading} tabIndex={-1}>
        {t('export.title')}
      </h2>
      <fieldset>
        <legend>{t('export.what')}</legend>
        {scopes.map(([value, label, enabled]) => (
          <label key={value} className="check">
            <input
              type="radio"
              name="export-scope"
              value={value}
              disabled={!enabled}
              checked={choice.scope === value}
              onChange={() => set('scope', value)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('export.to')}</legend>
        {partners.data?.length === 0 && <p className="muted">{t('export.noPartners')}</p>}
        {partners.data?.map((p) => (
          <label key={p.name} className="check">
            <input
              type="checkbox"
              checked={choice.to.includes(p.name)}
              onChange={(e) =>
                set(
                  'to',
                  e.target.checked ? [...choice.to, p.name] : choice.to.filter((n) => n !== p.name),
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
            checked={!choice.includeIdentities}
            onChange={(e) => set('includeIdentities', !e.target.checked)}
          />
          {t('export.redactIdentities')}
        </label>
        {choice.includeIdentities && <Alert>{t('export.identitiesWarning')}</Alert>}
        <label className="check">
          <input
            type="checkbox"
            checked={choice.withHistory}
            onChange={(e) => set('withHistory', e.target.checked)}
          />
          {t('export.withHistory')}
        </label>
      </fieldset>
      <Alert>{failure ? describeError(i18n, failure) : ''}</Alert>
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('form.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || choice.to.length === 0}
          onClick={onNext}
        >
          {t('export.next')}
        </button>
      </div>
    </section>
  );
}
