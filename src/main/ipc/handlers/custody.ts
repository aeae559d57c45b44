import { backupVault } from '../../../core/backup/backup';
import { makeCustodyReport } from '../../../core/custody/report';
import { writeCustodyReport } from '../../../core/custody/report-files';
import { fileSystemError } from '../../../core/fs/errors';
import { verifyVault } from '../../../core/verify/verify-vault';
import type { HandlerContext, HandlerImpls } from '../context';

type CustodyChannels =
  | 'vault.verify'
  | 'vault.backup'
  | 'recovery.newKey'
  | 'recovery.split'
  | 'recovery.copyShare'
  | 'custody.log'
  | 'custody.report'
  | 'custody.saveReport';

/** Thin: each channel is one call of the core, like the CLI's custody and recovery commands. */
export function custodyHandlers({
  session,
  dialogs,
  clipboard,
  emit,
}: HandlerContext): HandlerImpls<CustodyChannels> {
  return {
    'vault.verify': () =>
      verifyVault(session.require(), {
        onProgress: (phase, done, total) =>
          emit('custody.progress', { task: 'verify', phase, done, total }),
      }),
    'vault.backup': async () => {
      session.require();
      const folder = await dialogs.chooseFolder('backup');
      if (folder === null) return null;
      // Locked while the dialog was open: nothing is copied.
      const report = await backupVault(session.require(), folder, {
        onProgress: (phase, done, total) =>
          emit('custody.progress', { task: 'backup', phase, done, total }),
      });
      const { blobsCopied, blobsKept, blobsRemoved } = report;
      return { folder: report.path, blobsCopied, blobsKept, blobsRemoved };
    },
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
    'recovery.copyShare': ({ share }) => {
      session.require();
      clipboard.writeText(share);
      return null;
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
    'custody.saveReport': async ({ recordId, form }) => {
      session.require().records.get(recordId);
      const path = await dialogs.saveFile(`custody-${recordId.slice(0, 8)}.${form}`, 'report');
      if (path === null) return null;
      try {
        return { files: writeCustodyReport(session.require(), recordId, form, path) };
      } catch (error) {
        throw fileSystemError(error) ?? error;
      }
    },
  };
}
