import { useState } from 'react';
import type { ImportFileView, ImportPreviewView, SourceKind } from '../../../shared/import/types';
import {
  type ImportRequest,
  useCancelImport,
  useChooseFilesFolder,
  useChooseImportFile,
  useChooseMapping,
  useImportPreview,
  useStartImport,
} from '../data/imports';
import type { ImportStepName } from './labels';

/** What the person chose in the first step (names only: the paths stay in main). */
export interface ImportChoices {
  file: ImportFileView | null;
  from: SourceKind | null;
  mappingName: string | null;
  folderName: string | null;
}

const NOTHING: ImportChoices = { file: null, from: null, mappingName: null, folderName: null };

/**
 * The wizard's state and moves: the step, the choices, the latest preview (kept while a new
 * one runs, so the consent step does not blank), and the import. Changing the file, the source
 * or the mapping drops the preview and the consent choice, which depend on them.
 */
export function useImportWizard() {
  const [step, setStep] = useState<ImportStepName>('file');
  const [choices, setChoices] = useState<ImportChoices>(NOTHING);
  /** undefined: as the mapping says; null: no field; else the source field chosen. */
  const [consentField, setConsentField] = useState<string | null | undefined>(undefined);
  const [preview, setPreview] = useState<ImportPreviewView | null>(null);
  const chooseFile = useChooseImportFile();
  const chooseMapping = useChooseMapping();
  const chooseFolder = useChooseFilesFolder();
  const previewRun = useImportPreview();
  const start = useStartImport();
  const cancel = useCancelImport();

  const request = (consent: string | null | undefined): ImportRequest => ({
    ticket: choices.file!.ticket,
    from: choices.from!,
    ...(consent !== undefined ? { consentField: consent } : {}),
  });
  const changed = (change: Partial<ImportChoices>) => {
    previewRun.reset();
    setPreview(null);
    setConsentField(undefined);
    setChoices((current) => ({ ...current, ...change }));
  };
  const runPreview = (consent: string | null | undefined, then?: () => void) =>
    previewRun.mutate(request(consent), {
      onSuccess: (view) => {
        setPreview(view);
        then?.();
      },
    });

  const actions = {
    chooseFile: () =>
      chooseFile.mutate(undefined, {
        onSuccess: (file) => {
          if (file) changed({ ...NOTHING, file, from: file.detected });
        },
      }),
    chooseMapping: () =>
      chooseMapping.mutate(choices.file!.ticket, {
        onSuccess: (chosen) => chosen && changed({ mappingName: chosen.name }),
      }),
    chooseFolder: () =>
      chooseFolder.mutate(choices.file!.ticket, {
        onSuccess: (chosen) => chosen && changed({ folderName: chosen.name }),
      }),
    setSource: (from: SourceKind) => changed({ from }),
    toPreview: () => runPreview(consentField, () => setStep('preview')),
    setConsent: (field: string | null) => {
      setConsentField(field);
      runPreview(field);
    },
    go: (to: ImportStepName) => {
      start.reset();
      setStep(to);
    },
    start: () => {
      setStep('progress');
      start.mutate(request(consentField), {
        onSuccess: () => setStep('summary'),
        onError: () => setStep('confirm'),
      });
    },
    cancel: () => cancel.mutate(choices.file!.ticket),
  };
  const fileError =
    previewRun.error ?? chooseFile.error ?? chooseMapping.error ?? chooseFolder.error;
  const choosing = chooseFile.isPending || chooseMapping.isPending || chooseFolder.isPending;
  return {
    step,
    choices,
    consentField,
    preview,
    previewRun,
    fileError,
    choosing,
    start,
    cancel,
    actions,
  };
}
