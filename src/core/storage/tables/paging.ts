/**
 * Ids a page at a time, in id order, so a scan of the whole vault (verify) keeps memory flat
 * on any size of vault. `page(after, limit)` returns the ids after `after` ('' = from the start).
 */
export function* pagedIds(
  page: (after: string, limit: number) => string[],
  pageSize = 500,
): Generator<string> {
  let after = '';
  for (;;) {
    const ids = page(after, pageSize);
    yield* ids;
    if (ids.length < pageSize) return;
    after = ids[ids.length - 1]!;
  }
}
