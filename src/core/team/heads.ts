/** What a record's state keeps of each of its team revisions (docs/team.md, "Heads"). */
export interface RevisionMeta {
  id: string;
  parents: string[];
  deleted: boolean;
  updatedAt: string;
}

/** The revisions no other revision names as a parent. */
export function headsOf(revisions: RevisionMeta[]): RevisionMeta[] {
  const parents = new Set(revisions.flatMap((r) => r.parents));
  return revisions.filter((r) => !parents.has(r.id));
}

/**
 * The head every member shows, whatever order the revisions arrived in: an edit before a
 * tombstone (nothing is lost silently), then the latest `updatedAt`, then the larger id.
 */
export function shownHead(heads: RevisionMeta[]): RevisionMeta {
  const sorted = [...heads].sort(
    (a, b) =>
      Number(a.deleted) - Number(b.deleted) ||
      Date.parse(b.updatedAt) - Date.parse(a.updatedAt) ||
      b.id.localeCompare(a.id),
  );
  const first = sorted[0];
  if (!first) throw new Error('a record with no revision has no head');
  return first;
}
