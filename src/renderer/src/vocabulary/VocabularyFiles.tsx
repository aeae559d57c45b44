import { useState } from 'react';
import { useExportVocabulary, useImportVocabulary } from '../data/vocabulary';
import { useI18n } from '../i18n/I18n';
import { Alert } from '../ui/Alert';
import { describeError } from '../ui/errors';

/**
 * Import (main's file dialog, JSON or CSV, all or nothing) and export of the vocabulary, so
 * partners can use the same one. A refused file is named, with its problem.
 */
export function VocabularyFiles() {
  const i18n = useI18n();
  const { t } = i18n;
  const importing = useImportVocabulary();
  const exporting = useExportVocabulary();
  const [done, setDone] = useState('');
  const [error, setError] = useState('');
  const busy = importing.isPending || exporting.isPending;

  const run = async (task: () => Promise<string | null>) => {
    setDone('');
    setError('');
    try {
      const message = await task();
      if (message) setDone(message);
    } catch (caught) {
      setError(describeError(i18n, caught));
    }
  };
  const importFile = () =>
    run(async () => {
      const report = await importing.mutateAsync();
      if (!report) return null;
      const { file, added, replaced, total } = report;
      const n = i18n.number;
      return t('vocabulary.imported', {
        file,
        added: n(added),
        replaced: n(replaced),
        total: n(total),
      });
    });
  const exportFile = (format: 'json' | 'csv') =>
    run(async () => {
      const report = await exporting.mutateAsync(format);
      return (
        report &&
        t('vocabulary.exported', { file: report.file, count: i18n.number(report.concepts) })
      );
    });

  return (
    <section aria-labelledby="vocabulary-files">
      <h2 id="vocabulary-files">{t('vocabulary.filesTitle')}</h2>
      <p>{t('vocabulary.filesIntro')}</p>
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void importFile()}>
          {t('vocabulary.import')}
        </button>
        <button type="button" disabled={busy} onClick={() => void exportFile('json')}>
          {t('vocabulary.exportJson')}
        </button>
        <button type="button" disabled={busy} onClick={() => void exportFile('csv')}>
          {t('vocabulary.exportCsv')}
        </button>
      </div>
      <Alert tone="info">{done}</Alert>
      <Alert>{error}</Alert>
    </section>
  );
}
