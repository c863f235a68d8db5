/** FNV-1a over the UTF-16 code units of a text. */
function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 0x01000193);
  return hash;
}

/**
 * Rows whose key may occur on another row too (1 in the mask): those whose key's hash another row's key
 * shares, a superset of the rows with a repeated key (null: the row has no key). A check for repeated
 * ids then needs a Map of these few keys only: one of 10^6 distinct ids cost ~1 s, the hashes and one
 * native sort ~0.2 s.
 */
export function possiblyRepeatedKeys(n: number, keyOf: (row: number) => string | null): Uint8Array {
  const hashes = new Int32Array(n);
  const keyed = new Uint8Array(n);
  let count = 0;
  for (let row = 0; row < n; row++) {
    const key = keyOf(row);
    if (key === null) continue;
    hashes[row] = textHash(key);
    keyed[row] = 1;
    count++;
  }
  const sorted = new Int32Array(count);
  for (let row = 0, k = 0; row < n; row++) if (keyed[row] === 1) sorted[k++] = hashes[row]!;
  sorted.sort();
  const shared = new Set<number>();
  for (let k = 1; k < count; k++) if (sorted[k] === sorted[k - 1]) shared.add(sorted[k]!);
  const mask = new Uint8Array(n);
  if (shared.size > 0)
    for (let row = 0; row < n; row++) if (keyed[row] === 1 && shared.has(hashes[row]!)) mask[row] = 1;
  return mask;
}
