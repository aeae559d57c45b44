import { VaultError } from '../../shared/errors';

/**
 * Errors of bundle export and import. Codes are the stable BUNDLE.* and EXPORT.* codes of
 * src/shared/errors.ts; messages name what failed, never what a bundle contains.
 */

/** Not a bundle, or a structure that no writer of docs/bundle-format.md produces. */
export class BundleMalformedError extends VaultError {
  constructor(reason: string, details: Record<string, unknown> = {}) {
    super(
      'BUNDLE.MALFORMED',
      `This file is not a valid Testimony Vault bundle (${reason}). Nothing was imported.`,
      { reason, ...details },
    );
  }
}

/** None of the recipient stanzas opens with this vault's key. */
export class BundleNotForUsError extends VaultError {
  constructor() {
    super(
      'BUNDLE.NOT_FOR_US',
      'This bundle cannot be opened by this vault: it was sent to someone else, or its header is damaged.',
    );
  }
}

/** Authentication failed: the bundle was changed, cut short, extended or damaged. */
export class BundleIntegrityError extends VaultError {
  constructor(reason: string, details: Record<string, unknown> = {}) {
    super(
      'BUNDLE.INTEGRITY',
      `The bundle was altered or damaged (${reason}). Nothing was imported; ask the sender for a new copy.`,
      { reason, ...details },
    );
  }
}

/** The manifest's signature does not verify under the sender key it names. */
export class BundleBadSignatureError extends VaultError {
  constructor() {
    super(
      'BUNDLE.BAD_SIGNATURE',
      "The bundle's signature is not valid: it does not come from the sender it names. Nothing was imported.",
    );
  }
}

/** A valid signature by a key that is not a partner and was not explicitly accepted. */
export class UnknownSenderError extends VaultError {
  constructor(fingerprint: string, reason: 'unknown' | 'mismatch' = 'unknown') {
    super(
      'BUNDLE.UNKNOWN_SENDER',
      reason === 'mismatch'
        ? `The bundle is signed by fingerprint ${fingerprint}, not by the fingerprint you accepted. Nothing was imported.`
        : `The bundle is signed by a sender who is not one of your partners (fingerprint ${fingerprint}). Compare this fingerprint with the sender by phone or in person, then add them with \`tvault partner add\` or run again with --accept-unknown-sender "${fingerprint}".`,
      { fingerprint, reason },
    );
  }
}

export interface Refusal {
  id: string;
  reason: string;
}

/** Export stopped: consent rules refused records and the user did not confirm, or nothing is left. */
export class ExportRefusedError extends VaultError {
  constructor(message: string, refused: Refusal[]) {
    super('EXPORT.REFUSED', message, { refused });
  }
}
