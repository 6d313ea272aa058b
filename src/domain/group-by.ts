// Rows grouped by a key, each group in the order the rows came: votes by criterion, the tick's
// bulk reads by POC, the nudge budget's drafts and waiting rows by recipient.
export function groupBy<T, K>(rows: Iterable<T>, keyOf: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}
