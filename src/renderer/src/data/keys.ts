/** Query keys, one family per resource, so a change invalidates exactly what it touched. */
export const keys = {
  summaries: ['records', 'summaries'] as const,
  record: (id: string) => ['records', 'one', id] as const,
  history: (id: string) => ['records', 'history', id] as const,
  attachments: (recordId: string) => ['attachments', recordId] as const,
  mediaUrl: (id: string) => ['attachments', 'media', id] as const,
  identity: ['sharing', 'identity'] as const,
  partners: ['partners'] as const,
  custodyLog: (recordId: string | null) => ['custody', 'log', recordId ?? 'all'] as const,
  custodyReport: (recordId: string) => ['custody', 'report', recordId] as const,
  vocabulary: ['vocabulary'] as const,
  teamStatus: ['team', 'status'] as const,
  teamConflicts: ['team', 'conflicts'] as const,
  teamConflict: (id: string) => ['team', 'conflict', id] as const,
};
