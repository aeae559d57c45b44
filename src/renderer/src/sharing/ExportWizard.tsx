import { useState } from 'react';
import type { ExportRequestInput } from '../../../shared/ipc/types';
import { useExportBundle, useExportPreview } from '../data/partners';
import { onEscape } from '../ui/focus';
import { ExportChoose, type ExportChoice, type Scope } from './ExportChoose';
import { ExportDone } from './ExportDone';
import { ExportReview } from './ExportReview';

/**
 * The export wizard: what to share and with whom, then a review (consent refusals, unverified
 * partners, how the records will read after redaction), then the signed bundle, written where
 * the person chooses. The consent rules and redaction are the core's; this only shows them.
 */
export function ExportWizard(props: {
  selectedId: string | null;
  listIds: readonly string[];
  onClose: () => void;
  onEditConsent: (id: string) => void;
}) {
  // Escape closes the wizard from any of its steps.
  return (
    <div className="export-wizard" onKeyDown={onEscape(props.onClose)}>
      <ExportSteps {...props} />
    </div>
  );
}

function ExportSteps({
  selectedId,
  listIds,
  onClose,
  onEditConsent,
}: {
  selectedId: string | null;
  listIds: readonly string[];
  onClose: () => void;
  onEditConsent: (id: string) => void;
}) {
  const [choice, setChoice] = useState<ExportChoice>({
    scope: selectedId ? 'one' : 'list',
    to: [],
    includeIdentities: false,
    withHistory: false,
  });
  // Files the sender chose not to send (attachment ids); cleared when going back.
  const [leaveOut, setLeaveOut] = useState<string[]>([]);
  // Originals with their metadata instead of cleaned copies: the sender's explicit choice.
  const [keepMetadata, setKeepMetadata] = useState(false);
  const preview = useExportPreview();
  const write = useExportBundle();

  const request = (): ExportRequestInput => ({
    selection: selectionOf(choice.scope, selectedId, listIds),
    to: choice.to,
    includeIdentities: choice.includeIdentities,
    withHistory: choice.withHistory,
  });

  if (write.data) return <ExportDone result={write.data} onClose={onClose} />;
  if (preview.data) {
    return (
      <ExportReview
        preview={preview.data}
        busy={write.isPending}
        error={write.error}
        leaveOut={leaveOut}
        onLeaveOut={setLeaveOut}
        keepMetadata={keepMetadata}
        onKeepMetadata={setKeepMetadata}
        onEditConsent={onEditConsent}
        onBack={() => {
          write.reset();
          preview.reset();
          setLeaveOut([]);
          setKeepMetadata(false);
        }}
        onWrite={(confirmed) => write.mutate({ ...request(), leaveOut, keepMetadata, confirmed })}
      />
    );
  }
  return (
    <ExportChoose
      choice={choice}
      onChoice={setChoice}
      selectedId={selectedId}
      listCount={listIds.length}
      busy={preview.isPending}
      error={preview.error}
      onClose={onClose}
      onNext={() => preview.mutate(request())}
    />
  );
}

function selectionOf(
  scope: Scope,
  selectedId: string | null,
  listIds: readonly string[],
): ExportRequestInput['selection'] {
  if (scope === 'one' && selectedId) return { ids: [selectedId] };
  if (scope === 'list') return { ids: [...listIds] };
  return { all: true };
}
