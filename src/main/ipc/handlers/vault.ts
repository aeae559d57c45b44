import type { HandlerContext, HandlerImpls } from '../context';

type VaultChannels =
  | 'app.info'
  | 'vault.status'
  | 'vault.create'
  | 'vault.unlock'
  | 'vault.lock'
  | 'vault.changePassphrase';

export function vaultHandlers(ctx: HandlerContext): HandlerImpls<VaultChannels> {
  const { session } = ctx;
  return {
    'app.info': () => ctx.info,
    'vault.status': () => session.status(),
    'vault.create': async ({ passphrase }) => {
      const recoveryKey = await session.create(passphrase);
      return { recoveryKey, status: session.status() };
    },
    'vault.unlock': async (credentials) => {
      await session.unlock(credentials);
      return session.status();
    },
    'vault.lock': ({ reason }) => {
      session.lock(reason);
      return session.status();
    },
    'vault.changePassphrase': async ({ current, next }) => {
      const vault = session.require();
      // Someone at an unlocked, unattended laptop must not be able to take the vault over:
      // the current passphrase is checked before anything changes.
      await vault.verifyPassphrase(current);
      await vault.changePassphrase(next);
      return null;
    },
  };
}
