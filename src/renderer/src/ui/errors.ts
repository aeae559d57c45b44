import type { MessageKey } from '../../../shared/i18n';
import type { I18n } from '../i18n/I18n';
import { type VaultError } from '../../../shared/errors';
import { errorCode } from '../api/client';
import { describeVocabularyError } from '../vocabulary/describe-error';

/** Error codes the UI explains in the person's language; others get a generic sentence. */
const KNOWN: Record<string, MessageKey> = {
  'VAULT.WRONG_PASSPHRASE': 'error.wrongPassphrase',
  'VAULT.WRONG_RECOVERY_KEY': 'error.wrongRecoveryKey',
  'VAULT.LOCKED': 'error.locked',
  'VAULT.IN_USE': 'error.inUse',
  'VAULT.CORRUPT': 'error.corrupt',
  'VAULT.ALREADY_EXISTS': 'error.exists',
  'INTEGRITY.FAILED': 'error.integrity',
  'RECORD.NOT_FOUND': 'error.recordNotFound',
  'ATTACHMENT.NOT_FOUND': 'error.attachmentNotFound',
  'INPUT.INVALID': 'error.invalid',
  'FILE.IO': 'error.fileIo',
  CANCELLED: 'error.cancelled',
  'PARTNER.NOT_FOUND': 'error.partnerNotFound',
  'PARTNER.EXISTS': 'error.partnerExists',
  'TEAM.NOT_FOUND': 'error.teamNotFound',
  'TEAM.EXISTS': 'error.teamExists',
  'IDENTITY.INVALID': 'error.identityInvalid',
  'BUNDLE.MALFORMED': 'error.bundle',
  'BUNDLE.INTEGRITY': 'error.bundle',
  'BUNDLE.BAD_SIGNATURE': 'error.bundle',
  'BUNDLE.NOT_FOR_US': 'error.bundleNotForUs',
  'BUNDLE.UNKNOWN_SENDER': 'error.bundleUnknownSender',
  'EXPORT.REFUSED': 'error.exportRefused',
  'LIMIT.EXCEEDED': 'error.limit',
  'OCR.FAILED': 'error.ocr',
  'BACKUP.INVALID': 'error.backupInvalid',
};

export function describeError(i18n: I18n, error: unknown): string {
  if (errorCode(error) === 'VOCABULARY.INVALID')
    return describeVocabularyError(i18n, (error as VaultError).details);
  const key = KNOWN[errorCode(error)];
  return key ? i18n.t(key) : i18n.t('error.internal');
}
