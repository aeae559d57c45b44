import type { Consent, RecordSummary } from '../../shared/records/types';
import type { Refusal } from './errors';

/**
 * The consent rules of export (issue 5, docs/bundle-format.md "Consent and care"): only what
 * the narrator agreed to share leaves the vault.
 *
 * - status 'withdrawn' or 'unknown': refused (consent must be positively given);
 * - scope 'archive-only': refused (the narrator agreed to keeping it, not to sharing it);
 * - scope 'share-with-partners': exported, redacted unless identities are explicitly included;
 * - scope 'publish-anonymised': exported, always redacted: the narrator agreed to anonymised
 *   use only, so not even an explicit choice of the sender puts their identity in a bundle.
 */
export type RefusalReason = 'consent-withdrawn' | 'consent-unknown' | 'archive-only';

export const REFUSAL_TEXT: Record<RefusalReason, string> = {
  'consent-withdrawn': 'consent was withdrawn',
  'consent-unknown': 'consent is not recorded as given',
  'archive-only': 'consent covers keeping it in the archive only',
};

export function refusalFor(consent: Consent): RefusalReason | null {
  if (consent.status === 'withdrawn') return 'consent-withdrawn';
  if (consent.status !== 'given') return 'consent-unknown';
  if (consent.scope === 'archive-only') return 'archive-only';
  return null;
}

/** Whether the exported copy must be redacted, given the sender's choice. */
export function mustRedact(consent: Consent, includeIdentities: boolean): boolean {
  return !includeIdentities || consent.scope === 'publish-anonymised';
}

export interface ConsentSplit {
  exportable: RecordSummary[];
  refused: Refusal[];
}

/** Splits the selected records (summaries, in the order given) into exportable and refused. */
export function applyConsentRules(selected: RecordSummary[]): ConsentSplit {
  const exportable: RecordSummary[] = [];
  const refused: Refusal[] = [];
  for (const summary of selected) {
    const reason = refusalFor(summary.consent);
    if (reason) refused.push({ id: summary.id, reason });
    else exportable.push(summary);
  }
  return { exportable, refused };
}
