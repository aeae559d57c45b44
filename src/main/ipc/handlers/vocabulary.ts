import { basename } from 'node:path';
import {
  exportVocabularyFile,
  importVocabularyFile,
} from '../../../core/vocabulary/vocabulary-files';
import type { HandlerContext, HandlerImpls } from '../context';

type VocabularyChannels =
  | 'vocabulary.list'
  | 'vocabulary.save'
  | 'vocabulary.remove'
  | 'vocabulary.import'
  | 'vocabulary.export';

/** Thin: each channel is one call of the core, like `tvault vocabulary`. */
export function vocabularyHandlers({
  session,
  dialogs,
}: HandlerContext): HandlerImpls<VocabularyChannels> {
  return {
    'vocabulary.list': () => session.require().vocabulary.list(),
    'vocabulary.save': ({ concept, isNew }) =>
      session.require().vocabulary.put(concept, { mustBeNew: isNew }),
    'vocabulary.remove': ({ id }) => {
      session.require().vocabulary.remove(id);
      return null;
    },
    'vocabulary.import': async () => {
      session.require();
      const path = await dialogs.openVocabulary();
      if (path === null) return null;
      // Locked while the dialog was open: VAULT.LOCKED, nothing read.
      const report = importVocabularyFile(session.require().vocabulary, path);
      return { file: basename(path), ...report };
    },
    'vocabulary.export': async ({ format }) => {
      session.require();
      const path = await dialogs.saveFile(`vocabulary.${format}`, 'vocabulary');
      if (path === null) return null;
      const vault = session.require();
      // The system dialog has already asked before replacing a file.
      const { concepts } = exportVocabularyFile(vault.vocabulary, path, {
        vaultDir: vault.dir,
        force: true,
        format,
      });
      return { file: basename(path), concepts };
    },
  };
}
