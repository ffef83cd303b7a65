// Answers worked out once per document and dropped with it. Plain maps cleared after each lint:
// weak maps keyed by short-lived objects make every young-generation collection slower.
const maps: Map<unknown, unknown>[] = [];

export function documentMemo<K, V>(): Map<K, V> {
  const map = new Map<K, V>();
  maps.push(map as Map<unknown, unknown>);
  return map;
}

/** Called when a document's lint ends. */
export function clearDocumentMemos(): void {
  for (const map of maps) map.clear();
}
