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

/**
 * A symmetric positive semi-definite matrix A factored as L D Lᵀ (L unit lower triangular, D diagonal),
 * with the pivots judged to be zero dropped: their variables take no part in solutions and inverses.
 */
export interface CholeskyDecomposition {
  /** L strictly below the diagonal, D on it; the entries above the diagonal are unused. */
  readonly factor: readonly (readonly number[])[];
  /** For each variable, whether its pivot was dropped as zero (collinear with the variables before it). */
  readonly dropped: readonly boolean[];
  /** The number of pivots kept. */
  readonly rank: number;
}

/**
 * L D Lᵀ factorisation of a symmetric positive semi-definite matrix (Golub & Van Loan §4.1), the form R's
 * survival package uses for the information matrix (cholesky2): a pivot below tolerance × the largest
 * diagonal entry (or below tolerance when no diagonal entry is positive), or not finite, counts as zero;
 * that variable is dropped and the ones after it are factored as if it were absent. Only the lower triangle
 * of the input is read; the input is not modified.
 */
export function choleskyDecompose(
  matrix: readonly (readonly number[])[],
  tolerance: number,
): CholeskyDecomposition {
  const n = matrix.length;
  if (matrix.some((row) => row.length !== n)) {
    throw new RangeError(`choleskyDecompose: expected a ${n} x ${n} matrix`);
  }
  const factor = matrix.map((row, i) => row.map((_, j) => (j <= i ? row[j]! : matrix[j]![i]!)));
  let largest = 0;
  for (let i = 0; i < n; i++) largest = Math.max(largest, factor[i]![i]!);
  const zeroBelow = largest > 0 ? largest * tolerance : tolerance;
  const dropped = new Array<boolean>(n).fill(false);
  let rank = 0;
  for (let i = 0; i < n; i++) {
    const pivot = factor[i]![i]!;
    if (!Number.isFinite(pivot) || pivot < zeroBelow) {
      dropped[i] = true;
      factor[i]![i] = 0;
      // A dropped variable must not feed into the variables after it.
      for (let j = i + 1; j < n; j++) factor[j]![i] = 0;
      continue;
    }
    rank++;
    for (let j = i + 1; j < n; j++) {
      const multiplier = factor[j]![i]! / pivot;
      factor[j]![i] = multiplier;
      factor[j]![j]! -= multiplier * multiplier * pivot;
      for (let k = j + 1; k < n; k++) factor[k]![j]! -= multiplier * factor[k]![i]!;
    }
  }
  return { factor, dropped, rank };
}

/** x with A x = b on the kept variables, 0 on the dropped ones, from choleskyDecompose(A). */
export function choleskySolve(decomposition: CholeskyDecomposition, rhs: readonly number[]): number[] {
  const { factor, dropped } = decomposition;
  const n = factor.length;
  if (rhs.length !== n) throw new RangeError(`choleskySolve: expected ${n} right-hand sides`);
  const x = [...rhs];
  // L y = b
  for (let i = 0; i < n; i++) {
    let sum = x[i]!;
    for (let j = 0; j < i; j++) sum -= factor[i]![j]! * x[j]!;
    x[i] = sum;
  }
  // D Lᵀ x = y
  for (let i = n - 1; i >= 0; i--) {
    if (dropped[i]) {
      x[i] = 0;
      continue;
    }
    let sum = x[i]! / factor[i]![i]!;
    for (let j = i + 1; j < n; j++) sum -= factor[j]![i]! * x[j]!;
    x[i] = sum;
  }
  return x;
}

/** A⁻¹ on the kept variables, with zero rows and columns for the dropped ones, from choleskyDecompose(A). */
export function choleskyInverse(decomposition: CholeskyDecomposition): number[][] {
  const n = decomposition.factor.length;
  const columns = Array.from({ length: n }, (_, j) =>
    choleskySolve(
      decomposition,
      Array.from({ length: n }, (_, i) => (i === j ? 1 : 0)),
    ),
  );
  // Symmetrise: the two triangles differ only by rounding.
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: n }, (_, j) => 0.5 * (columns[j]![i]! + columns[i]![j]!)),
  );
}
