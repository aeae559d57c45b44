// Linted as src/shared/search: a Map lookup cast is not a row (no database reaches src/shared).
export function first(map: Map<string, unknown>) {
  return map.get('a') as { text: string } | undefined;
}
