/**
 * Solution x of A x = b for a small dense square matrix, by Gaussian elimination with partial pivoting
 * (Golub & Van Loan, Matrix Computations, §3.4). Returns null when A is singular to working precision,
 * taken as a pivot below n eps times the largest entry of A (a cheap stand-in for the reciprocal-condition
 * test of R's solve(), which stops with an error instead). The inputs are not modified.
 */
export function solveLinearSystem(
  matrix: readonly (readonly number[])[],
  rhs: readonly number[],
): number[] | null {
  const n = rhs.length;
  if (matrix.length !== n || matrix.some((row) => row.length !== n)) {
    throw new RangeError(`solveLinearSystem: expected a ${n} x ${n} matrix`);
  }
  // Augmented copy [A | b].
  const m = matrix.map((row, i) => [...row, rhs[i]!]);
  const scale = Math.max(0, ...matrix.flatMap((row) => row.map(Math.abs)));
  const singularBelow = n * Number.EPSILON * scale;
  if (n > 0 && !(scale > 0)) return null;

  for (let column = 0; column < n; column++) {
    let pivotRow = column;
    for (let row = column + 1; row < n; row++) {
      if (Math.abs(m[row]![column]!) > Math.abs(m[pivotRow]![column]!)) pivotRow = row;
    }
    const pivot = m[pivotRow]![column]!;
    if (!(Math.abs(pivot) > singularBelow)) return null;
    [m[column], m[pivotRow]] = [m[pivotRow]!, m[column]!];
    const pivotLine = m[column]!;
    for (let row = column + 1; row < n; row++) {
      const line = m[row]!;
      const factor = line[column]! / pivot;
      if (factor === 0) continue;
      for (let k = column; k <= n; k++) line[k]! -= factor * pivotLine[k]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let row = n - 1; row >= 0; row--) {
    const line = m[row]!;
    let sum = line[n]!;
    for (let k = row + 1; k < n; k++) sum -= line[k]! * x[k]!;
    x[row] = sum / line[row]!;
  }
  return x;
}
