import { makeCustodyReport } from '../../../core/custody/report';
import { verifyVault } from '../../../core/verify/verify-vault';
import type { HandlerContext, HandlerImpls } from '../context';

type CustodyChannels =
  'vault.verify' | 'recovery.newKey' | 'recovery.split' | 'custody.log' | 'custody.report';

/** Thin: each channel is one call of the core, like the CLI's custody and recovery commands. */
export function custodyHandlers({ session }: HandlerContext): HandlerImpls<CustodyChannels> {
  return {
    'vault.verify': () => verifyVault(session.require()),
    'recovery.newKey': async ({ current }) => {
      const vault = session.require();
      await vault.verifyPassphrase(current);
      return { recoveryKey: await vault.rotateRecoveryKey() };
    },
    'recovery.split': async ({ current, shares, threshold }) => {
      const vault = session.require();
      await vault.verifyPassphrase(current);
      const texts = await vault.splitRecovery(shares, threshold);
      const split = vault.recoveryShares!;
      return { splitId: split.splitId, threshold, count: shares, shares: texts };
    },
    'custody.log': ({ recordId }) => {
      const vault = session.require();
      return recordId ? [...vault.custody.entriesOf(recordId)] : [...vault.custody.entries()];
    },
    'custody.report': ({ recordId }) => {
      const vault = session.require();
      vault.records.get(recordId); // RECORD.NOT_FOUND for an unknown id
      const { report, signature } = makeCustodyReport(vault, recordId);
      return { report, signature };
    },
  };
}
