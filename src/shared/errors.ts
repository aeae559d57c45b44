/**
 * Errors with stable codes. Callers (CLI, IPC, UI) react to `code`, never to the message.
 * Messages are for people and must never contain plaintext of a record, a passphrase or a key:
 * they name things by id only.
 */
export const ERROR_CODES = [
  'VAULT.NOT_FOUND',
  'VAULT.ALREADY_EXISTS',
  'VAULT.WRONG_PASSPHRASE',
  'VAULT.WRONG_RECOVERY_KEY',
  'VAULT.LOCKED',
  'VAULT.IN_USE',
  'VAULT.CORRUPT',
  'VAULT.UNSUPPORTED_VERSION',
  'INTEGRITY.FAILED',
  'RECORD.NOT_FOUND',
  'ATTACHMENT.NOT_FOUND',
  'INPUT.INVALID',
  'IMPORT.INVALID_FILE',
  'IMPORT.INVALID_MAPPING',
  'FILE.EXISTS',
  'FILE.IO',
  'PARTNER.NOT_FOUND',
  'PARTNER.EXISTS',
  'IDENTITY.INVALID',
  'BUNDLE.MALFORMED',
  'BUNDLE.NOT_FOR_US',
  'BUNDLE.BAD_SIGNATURE',
  'BUNDLE.UNKNOWN_SENDER',
  'BUNDLE.INTEGRITY',
  'EXPORT.REFUSED',
  'BACKUP.INVALID',
  'IPC.FORBIDDEN',
  'LIMIT.EXCEEDED',
  'OCR.FAILED',
  'TEAM.NOT_FOUND',
  'TEAM.EXISTS',
  'VOCABULARY.INVALID',
  'CANCELLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class VaultError extends Error {
  readonly code: ErrorCode;
  /** Opaque, non-sensitive details (ids, line numbers, counts), safe to log and show. */
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export interface SerializedError {
  code: ErrorCode;
  message: string;
  details: Record<string, unknown>;
}

export class VaultNotFoundError extends VaultError {
  constructor(dir: string) {
    super('VAULT.NOT_FOUND', `No vault found at ${dir}. Create one with \`tvault init\`.`, { dir });
  }
}

export class VaultExistsError extends VaultError {
  constructor(dir: string) {
    super('VAULT.ALREADY_EXISTS', `A vault already exists at ${dir}.`, { dir });
  }
}

export class WrongPassphraseError extends VaultError {
  constructor() {
    super('VAULT.WRONG_PASSPHRASE', 'Wrong passphrase: the vault could not be unlocked.');
  }
}

export class WrongRecoveryKeyError extends VaultError {
  constructor() {
    super('VAULT.WRONG_RECOVERY_KEY', 'Wrong recovery key: the vault could not be unlocked.');
  }
}

export class VaultLockedError extends VaultError {
  constructor() {
    super('VAULT.LOCKED', 'The vault is locked. Unlock it first.');
  }
}

export class VaultInUseError extends VaultError {
  constructor(dir: string) {
    super(
      'VAULT.IN_USE',
      `The vault at ${dir} is open in another program (the app or another tvault). Close it and try again.`,
      { dir },
    );
  }
}

export class VaultCorruptError extends VaultError {
  constructor(what: string, details: Record<string, unknown> = {}) {
    super('VAULT.CORRUPT', `The vault is damaged: ${what}.`, details);
  }
}

export class UnsupportedVersionError extends VaultError {
  constructor(what: string, found: number, supported: number) {
    super(
      'VAULT.UNSUPPORTED_VERSION',
      `${what} version ${found} is newer than this program supports (${supported}). Update Testimony Vault.`,
      { found, supported },
    );
  }
}

/** Ciphertext failed authentication. `subject` names what failed, by kind and id only. */
export class IntegrityError extends VaultError {
  constructor(subject: string, details: Record<string, unknown> = {}) {
    super(
      'INTEGRITY.FAILED',
      `Integrity check failed for ${subject}: the stored data was altered or damaged.`,
      details,
    );
  }
}

export class RecordNotFoundError extends VaultError {
  constructor(id: string) {
    super('RECORD.NOT_FOUND', `No record with id ${id}.`, { id });
  }
}

export class AttachmentNotFoundError extends VaultError {
  constructor(id: string) {
    super('ATTACHMENT.NOT_FOUND', `No attachment with id ${id}.`, { id });
  }
}

export class InvalidInputError extends VaultError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('INPUT.INVALID', message, details);
  }
}

export class FileExistsError extends VaultError {
  constructor(path: string) {
    super('FILE.EXISTS', `${path} already exists`, { path });
  }
}

/** A folder given as a backup is not one, or is a backup of another vault. */
export class BackupInvalidError extends VaultError {
  constructor(path: string, why: string) {
    super('BACKUP.INVALID', `${path} is not a usable backup: ${why}.`, { path });
  }
}

export class CancelledError extends VaultError {
  constructor(what = 'The operation') {
    super('CANCELLED', `${what} was cancelled.`);
  }
}

/**
 * A limit that protects the app from input built to exhaust it (docs/security.md, "Hostile
 * inputs"): too many open uploads, too many attachments in a bundle... `limit` names which one,
 * `max` its value; nothing was changed.
 */
export class LimitExceededError extends VaultError {
  constructor(limit: string, max: number, message: string) {
    super('LIMIT.EXCEEDED', message, { limit, max });
  }
}

/**
 * Text recognition gave nothing for one file (docs/attachments.md, "Text from images"): its type
 * is not one OCR reads, it is damaged, too large (dimensions, bytes or pages), or the engine hit
 * its time or memory limit. The attachment itself is kept unchanged.
 */
export class OcrFailedError extends VaultError {
  /** `page`: for a PDF, the page (1-based) that stopped the recognition. */
  constructor(id: string, reason: string, message: string, page?: number) {
    super('OCR.FAILED', message, { id, reason, ...(page === undefined ? {} : { page }) });
  }
}

/**
 * A vocabulary (a file being imported, or a change made in the app or the CLI) that cannot be
 * applied; nothing was changed. `reason` says what (docs/vocabulary.md), `concept` the position
 * of the concept at fault (1-based) and `lang` the language tag, never a name; for an import,
 * `file` the imported file's name (its last path part, which the person chose).
 */
export class VocabularyInvalidError extends VaultError {
  constructor(
    reason: string,
    where: { concept?: number; lang?: string; line?: number; file?: string } = {},
  ) {
    const at = [
      where.file !== undefined ? `file "${where.file}"` : '',
      where.concept !== undefined ? `concept ${where.concept}` : '',
      where.line !== undefined ? `line ${where.line}` : '',
      where.lang !== undefined ? `language "${where.lang}"` : '',
    ]
      .filter(Boolean)
      .join(', ');
    super(
      'VOCABULARY.INVALID',
      `The vocabulary was not changed: ${VOCABULARY_REASONS[reason] ?? reason}${at ? ` (${at})` : ''}.`,
      { reason, ...where },
    );
  }
}

const VOCABULARY_REASONS: Record<string, string> = {
  format: 'it is not a vocabulary in the documented format',
  tooLarge: 'the file is too large',
  tooMany: 'too many concepts or languages',
  badId: 'a concept id must be 1-64 letters, digits, dots, dashes or underscores',
  duplicateId: 'two concepts have the same id',
  unknownLanguage: 'a language tag is not a known language',
  emptyName: 'a name is empty',
  noName: 'a concept needs at least one preferred name',
  duplicateName: 'two concepts have the same preferred name in one language',
  notFound: 'no concept has this id or name',
  ambiguous: 'several concepts have this name; use the id',
};

export function isVaultError(value: unknown): value is VaultError {
  return value instanceof VaultError;
}

/** Rebuilds an error that crossed a process boundary (IPC) as a VaultError with the same code. */
export function deserializeError(serialized: SerializedError): VaultError {
  const code = (ERROR_CODES as readonly string[]).includes(serialized.code)
    ? serialized.code
    : 'INTERNAL';
  return new VaultError(code, serialized.message, serialized.details ?? {});
}

/**
 * Turns anything thrown into something safe to show: VaultErrors keep their message; any other
 * error becomes INTERNAL with a generic message, because foreign messages (SQLite, libsodium,
 * the file system) may quote data.
 */
export function toSerializedError(error: unknown): SerializedError {
  if (error instanceof VaultError) return error.toJSON();
  return { code: 'INTERNAL', message: 'An internal error occurred.', details: {} };
}
