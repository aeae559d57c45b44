// Linted as src/main: a row cast on a statement handed over from elsewhere.
export function idsOf(statement: { all(): unknown }) {
  return statement.all() as { id: string }[];
}
