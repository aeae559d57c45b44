import { combine, split } from 'shamir-secret-sharing';
import { VaultError } from '../../shared/errors';
import { base32Decode, base32Encode } from './base32';
import { type SharesWrapKey, asKey } from './keys';
import { randomBytes, sodium, wipe } from './sodium';

/**
 * Shared recovery (docs/custody.md): a fresh 32-byte recovery secret split with Shamir's secret
 * sharing (the audited `shamir-secret-sharing` package, GF(2^8)) into N shares, any K of which
 * rebuild it. Each share is printed as text:
 *
 *   TVS1-XXXX-XXXX-…   Crockford base32 of
 *     split id (4) || share number (1) || threshold (1) || count (1) || share (33) || checksum (2)
 *   checksum = BLAKE2b(2 bytes, everything before it, key "tvault share checksum")
 *
 * The checksum catches a mistyped share before any combining (Shamir itself would silently give
 * a wrong secret); the split id tells shares of another (revoked) split apart.
 */
const PREFIX = 'TVS1';
export const SHARE_SECRET_BYTES = 32;
const SHARE_BYTES = SHARE_SECRET_BYTES + 1;
const PAYLOAD_BYTES = 4 + 3 + SHARE_BYTES;

export interface ParsedShare {
  splitId: string;
  number: number;
  threshold: number;
  count: number;
  share: Uint8Array;
}

/** A share that cannot be used; `position` is its place in the list given (1-based). */
export class RecoveryShareError extends VaultError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('VAULT.WRONG_RECOVERY_KEY', message, details);
  }
}

function checksum(payload: Uint8Array): Uint8Array {
  return sodium().blake2b({
    length: 2,
    message: payload,
    key: new TextEncoder().encode('tvault share checksum'),
  });
}

function formatShare(parsed: ParsedShare): string {
  const bytes = new Uint8Array(PAYLOAD_BYTES + 2);
  bytes.set(Buffer.from(parsed.splitId, 'hex'), 0);
  bytes[4] = parsed.number;
  bytes[5] = parsed.threshold;
  bytes[6] = parsed.count;
  bytes.set(parsed.share, 7);
  bytes.set(checksum(bytes.subarray(0, PAYLOAD_BYTES)), PAYLOAD_BYTES);
  const groups = base32Encode(bytes).match(/.{1,4}/g) ?? [];
  return [PREFIX, ...groups].join('-');
}

/** Splits a fresh secret; returns it (to wrap the master key under) and the share texts. */
export async function splitRecoverySecret(
  count: number,
  threshold: number,
): Promise<{ secret: Uint8Array; splitId: string; shares: string[] }> {
  if (
    !Number.isInteger(count) ||
    !Number.isInteger(threshold) ||
    threshold < 2 ||
    count < threshold ||
    count > 255
  )
    throw new VaultError(
      'INPUT.INVALID',
      'Shares: give 2 <= threshold <= shares <= 255 (e.g. --shares 5 --threshold 3).',
    );
  const secret = randomBytes(SHARE_SECRET_BYTES);
  const splitId = Buffer.from(randomBytes(4)).toString('hex');
  const raw = await split(secret, count, threshold);
  const shares = raw.map((share, i) =>
    formatShare({ splitId, number: i + 1, threshold, count, share }),
  );
  wipe(...raw);
  return { secret, splitId, shares };
}

/** Parses one share as typed (case, spaces and O/I/L forgiven like the recovery key). */
export function parseShare(text: string, position: number): ParsedShare {
  const cleaned = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const which = `Share ${position} (the ${ordinal(position)} given)`;
  if (!cleaned.startsWith('TVS1'))
    throw new RecoveryShareError(`${which} is not a recovery share (they start with TVS1-).`, {
      position,
      reason: 'format',
    });
  const bytes = base32Decode(cleaned.slice(4), PAYLOAD_BYTES + 2);
  if (!bytes || bytes.length !== PAYLOAD_BYTES + 2)
    throw new RecoveryShareError(`${which} is incomplete or mistyped.`, {
      position,
      reason: 'checksum',
    });
  const sum = checksum(bytes.subarray(0, PAYLOAD_BYTES));
  if (sum[0] !== bytes[PAYLOAD_BYTES] || sum[1] !== bytes[PAYLOAD_BYTES + 1])
    throw new RecoveryShareError(`${which} is mistyped: its checksum does not match.`, {
      position,
      reason: 'checksum',
    });
  return {
    splitId: Buffer.from(bytes.subarray(0, 4)).toString('hex'),
    number: bytes[4]!,
    threshold: bytes[5]!,
    count: bytes[6]!,
    share: bytes.slice(7, PAYLOAD_BYTES),
  };
}

function ordinal(n: number): string {
  const suffix =
    n % 10 === 1 && n % 100 !== 11
      ? 'st'
      : n % 10 === 2 && n % 100 !== 12
        ? 'nd'
        : n % 10 === 3 && n % 100 !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}

/**
 * Checks the shares against the vault's current split and rebuilds the secret. Each problem
 * names the share by its place in the list: mistyped, of another split, repeated, too few.
 */
export async function combineShares(
  texts: readonly string[],
  current: { splitId: string; threshold: number } | undefined,
): Promise<Uint8Array> {
  if (!current)
    throw new RecoveryShareError(
      'This vault has no recovery shares: unlock with the recovery key.',
      { reason: 'no-split' },
    );
  const seen = new Map<number, number>();
  const shares: Uint8Array[] = [];
  texts.forEach((text, i) => {
    const parsed = parseShare(text, i + 1);
    if (parsed.splitId !== current.splitId)
      throw new RecoveryShareError(
        `Share ${i + 1} (number ${parsed.number}) belongs to another split: shares were made again since, or it is of another vault.`,
        { position: i + 1, reason: 'other-split' },
      );
    const earlier = seen.get(parsed.number);
    if (earlier !== undefined)
      throw new RecoveryShareError(
        `Share ${i + 1} repeats share number ${parsed.number} (given ${ordinal(earlier)} already).`,
        { position: i + 1, reason: 'repeated' },
      );
    seen.set(parsed.number, i + 1);
    shares.push(parsed.share);
  });
  if (shares.length < current.threshold)
    throw new RecoveryShareError(
      `${current.threshold} shares are needed; ${shares.length} ${shares.length === 1 ? 'was' : 'were'} given.`,
      { given: shares.length, needed: current.threshold, reason: 'too-few' },
    );
  try {
    return await combine(shares);
  } finally {
    wipe(...shares);
  }
}

export function sharesWrappingKey(secret: Uint8Array): SharesWrapKey {
  const key = sodium().blake2b({
    length: 32,
    message: secret,
    key: new TextEncoder().encode('tvault shares kek'),
  });
  return asKey(key, 'shares');
}
