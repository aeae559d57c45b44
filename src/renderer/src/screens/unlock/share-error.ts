import type { VaultError } from '../../../../shared/errors';
import type { MessageKey } from '../../../../shared/i18n';
import type { I18n } from '../../i18n/I18n';

const REASONS: Record<string, MessageKey> = {
  format: 'unlock.share.format',
  checksum: 'unlock.share.checksum',
  'other-split': 'unlock.share.otherSplit',
  repeated: 'unlock.share.repeated',
  'too-few': 'unlock.share.tooFew',
  altered: 'unlock.share.altered',
  'no-split': 'unlock.share.noSplit',
};

/**
 * What was wrong with the shares, in the person's language, and which one (1-based position in
 * the list given) when one is to blame. Null when the error is not about the shares.
 */
export function shareError(
  i18n: I18n,
  error: unknown,
): { message: string; position: number | null } | null {
  const e = error as VaultError | null;
  const reason = e?.details?.reason;
  if (e?.code !== 'VAULT.WRONG_RECOVERY_KEY' || typeof reason !== 'string') return null;
  const key = REASONS[reason];
  if (!key) return null;
  const position = typeof e.details.position === 'number' ? e.details.position : null;
  const message = i18n.t(key, {
    n: i18n.number(position ?? 0),
    needed: i18n.number(Number(e.details.needed ?? 0)),
    given: i18n.number(Number(e.details.given ?? 0)),
  });
  return { message, position };
}
