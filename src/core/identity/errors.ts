import { VaultError } from '../../shared/errors';

/** An identity string that is mistyped, truncated, of another version or not a valid key. */
export class InvalidIdentityError extends VaultError {
  constructor(reason: string) {
    super(
      'IDENTITY.INVALID',
      `That is not a valid Testimony Vault identity (${reason}). Ask your partner to copy the whole line printed by \`tvault identity\` again.`,
      { reason },
    );
  }
}
