/**
 * The custody log's entries as every adapter shows them (`tvault log --json`, the app's log
 * screen, the custody report). Entries name things by opaque id and hash only: never a title,
 * a body or a file name.
 */
export const CUSTODY_ACTIONS = [
  'vault.created',
  'vault.unlocked',
  'record.created',
  'record.edited',
  'record.opened',
  'record.deleted',
  'attachment.added',
  'attachment.extracted',
  'attachment.deleted',
  'bundle.exported',
  'bundle.received',
  'passphrase.changed',
  'recovery.used',
  'recovery.split',
  'recovery.rotated',
  'backup.made',
  'backup.restored',
  'team.created',
  'team.joined',
  'team.member.added',
  'team.member.removed',
  'team.changeset.published',
  'team.changeset.applied',
  'team.changeset.rejected',
  'team.synced',
  'team.conflict.resolved',
  'vocabulary.concept.added',
  'vocabulary.concept.edited',
  'vocabulary.concept.removed',
  'vocabulary.imported',
] as const;

export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

/** Non-sensitive facts: ids, hashes, sizes, counts, partner fingerprints, times. */
export type CustodyDetail = Record<string, string | number | boolean | null | string[]>;

export interface CustodyEntry {
  seq: number;
  /** ISO 8601 time of the action. */
  at: string;
  action: CustodyAction;
  record?: string;
  attachment?: string;
  detail: CustodyDetail;
}

/** What a use case tells the log; the log adds seq, time and the chain. */
export interface CustodyFact {
  action: CustodyAction;
  record?: string;
  attachment?: string;
  /** Other records the entry is about (a bundle's records), so that they find it too. */
  records?: readonly string[];
  detail?: CustodyDetail;
}

/** One problem found by `tvault verify`, named by id (a record, attachment or log seq). */
export interface VerifyProblem {
  kind: string;
  id: string;
  detail: string;
}

/** `tvault verify --json` and the app's verify screen. */
export interface VerifyReport {
  ok: boolean;
  checked: { records: number; revisions: number; attachments: number; logEntries: number };
  problems: VerifyProblem[];
}

/** One record's custody report (docs/custody.md); signed as JSON by the vault's identity. */
export interface CustodyReport {
  format: 'testimony-vault-custody-report';
  version: 1;
  madeAt: string;
  vault: { id: string; identity: string; fingerprint: string };
  record: {
    id: string;
    title: string;
    lang: string;
    revisions: { revision: number; updatedAt: string; sha256: string }[];
    files: {
      id: string;
      name: string;
      mime: string;
      size: number;
      sha256: string;
      addedAt: string;
    }[];
  };
  entries: CustodyEntry[];
  log: { seq: number; hash: string } | null;
}
