/** The testimony record as people see it. Every field here is stored only inside ciphertext. */

export const CONSENT_STATUSES = ['given', 'withdrawn', 'unknown'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

export const CONSENT_SCOPES = [
  'archive-only',
  'share-with-partners',
  'publish-anonymised',
] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export interface Consent {
  status: ConsentStatus;
  scope: ConsentScope;
  /** YYYY-MM-DD when consent was given or withdrawn, or null when not known. */
  date: string | null;
  note: string;
}

/** Where a record came from when it was received in a partner's bundle. */
export interface Provenance {
  partner: string;
  senderFingerprint: string;
  bundleId: string;
  receivedAt: string;
}

export interface TestimonyFields {
  title: string;
  /** The testimony text; 100 KB is normal. */
  body: string;
  /** BCP-47 language tag of the body, e.g. "ar", "es", "pt-BR"; empty when not known. */
  lang: string;
  /** Name or pseudonym of the narrator. Always identifying: redacted on export by default. */
  narrator: string;
  /** Date of the events, YYYY-MM-DD (or YYYY-MM or YYYY), or null. */
  date: string | null;
  place: string;
  tags: string[];
  consent: Consent;
  /** Content warning; when set, the UI hides the body until the reader chooses to open it. */
  warning: string;
  notes: string;
  /** Passages the user marked as identifying; removed from exported copies unless told not to. */
  identifying: string[];
}

export interface TestimonyRecord extends TestimonyFields {
  id: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  provenance: Provenance | null;
}

/** What the archive list needs; kept in its own small ciphertext so listing never decrypts bodies. */
export interface RecordSummary {
  id: string;
  title: string;
  date: string | null;
  lang: string;
  tags: string[];
  updatedAt: string;
  createdAt: string;
  revision: number;
  consent: Consent;
  hasWarning: boolean;
  attachmentCount: number;
}

export interface RevisionInfo {
  revision: number;
  updatedAt: string;
  title: string;
}

export const DEFAULT_CONSENT: Consent = {
  status: 'unknown',
  scope: 'archive-only',
  date: null,
  note: '',
};

export function emptyFields(): TestimonyFields {
  return {
    title: '',
    body: '',
    lang: '',
    narrator: '',
    date: null,
    place: '',
    tags: [],
    consent: { ...DEFAULT_CONSENT },
    warning: '',
    notes: '',
    identifying: [],
  };
}
