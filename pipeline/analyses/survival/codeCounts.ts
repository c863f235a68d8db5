/** How many included patients were left out, and why. */
export type ExclusionReasons = Array<{ reason: string; n: number }>;

/**
 * How many of `rows` have each code (`codes[row]`, from 0 to size - 1), and the codes met, in the order
 * first met. Counted without a branch on the code (the codes of real data look random to the
 * processor); the order from the first rows, as far as it takes to meet every code counted.
 */
export function codeCounts(
  codes: Int8Array | Int32Array,
  rows: ArrayLike<number>,
  size: number,
): { counts: number[]; order: number[] } {
  const tally = new Float64Array(size);
  for (let k = 0; k < rows.length; k++) tally[codes[rows[k]!]!]!++;
  const counts = Array.from(tally);
  const met = counts.filter((n) => n > 0).length;
  const seen = new Uint8Array(size);
  const order: number[] = [];
  for (let k = 0; k < rows.length && order.length < met; k++) {
    const code = codes[rows[k]!]!;
    if (seen[code] === 0) {
      seen[code] = 1;
      order.push(code);
    }
  }
  return { counts, order };
}
