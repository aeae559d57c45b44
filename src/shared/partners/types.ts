/**
 * A partner organisation as the app and the CLI show it: the name this vault gave it, its
 * identity string and fingerprint, and whether the fingerprint was compared out of band.
 */
export interface PartnerView {
  name: string;
  /** The identity string as it was given (normalised to the canonical spelling). */
  identity: string;
  fingerprint: string;
  verified: boolean;
  addedAt: string;
  verifiedAt: string | null;
}
