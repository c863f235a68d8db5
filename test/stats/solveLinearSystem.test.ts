import { describe, expect, it } from 'vitest';
import {
  choleskyDecompose,
  choleskyInverse,
  choleskySolve,
  solveLinearSystem,
} from '../../pipeline/stats/solveLinearSystem.ts';
import { seededRandom } from '../../pipeline/stats/seededRandom.ts';

describe('solveLinearSystem', () => {
  it('solves a small system exactly', () => {
    // 2x + y = 5, x + 3y = 10 → x = 1, y = 3.
    const x = solveLinearSystem(
      [
        [2, 1],
        [1, 3],
      ],
      [5, 10],
    );
    expect(x).toEqual([expect.closeTo(1, 14), expect.closeTo(3, 14)]);
  });

  it('needs pivoting when the leading entry is 0', () => {
    const x = solveLinearSystem(
      [
        [0, 1],
        [1, 0],
      ],
      [4, 7],
    );
    expect(x).toEqual([7, 4]);
  });

  it('reproduces A x for random well-conditioned systems and leaves its inputs alone', () => {
    const random = seededRandom(31);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(random() * 6);
      const a = Array.from({ length: n }, (_, i) =>
        Array.from({ length: n }, (_, j) => random() - 0.5 + (i === j ? n : 0)),
      );
      const truth = Array.from({ length: n }, () => random() * 10 - 5);
      const b = a.map((row) => row.reduce((s, v, j) => s + v * truth[j]!, 0));
      const copy = JSON.stringify([a, b]);
      const x = solveLinearSystem(a, b);
      expect(x).not.toBeNull();
      x!.forEach((v, i) => expect(v).toBeCloseTo(truth[i]!, 12));
      expect(JSON.stringify([a, b])).toBe(copy);
    }
  });

  it('returns null for singular matrices, including the zero matrix', () => {
    expect(
      solveLinearSystem(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 2],
      ),
    ).toBeNull();
    expect(solveLinearSystem([[0]], [1])).toBeNull();
  });

  it('solves the empty system and rejects mismatched shapes', () => {
    expect(solveLinearSystem([], [])).toEqual([]);
    expect(() => solveLinearSystem([[1, 2]], [1])).toThrow(RangeError);
  });
});

describe('choleskyDecompose, choleskySolve, choleskyInverse', () => {
  const multiply = (a: readonly (readonly number[])[], x: readonly number[]) =>
    a.map((row) => row.reduce((sum, v, j) => sum + v * x[j]!, 0));

  it('solve and invert a positive definite matrix, agreeing with solveLinearSystem', () => {
    const random = seededRandom(5);
    for (let trial = 0; trial < 20; trial++) {
      const n = 1 + (trial % 5);
      // B Bᵀ + I is positive definite.
      const b = Array.from({ length: n }, () => Array.from({ length: n }, () => random() * 2 - 1));
      const a = b.map((row, i) =>
        b.map((other, j) => row.reduce((sum, v, k) => sum + v * other[k]!, 0) + (i === j ? 1 : 0)),
      );
      const rhs = Array.from({ length: n }, () => random() * 10 - 5);
      const decomposition = choleskyDecompose(a, 1e-12);
      expect(decomposition.rank).toBe(n);
      const x = choleskySolve(decomposition, rhs);
      const reference = solveLinearSystem(a, rhs)!;
      x.forEach((v, i) => expect(v).toBeCloseTo(reference[i]!, 10));
      const inverse = choleskyInverse(decomposition);
      for (let j = 0; j < n; j++) {
        const column = inverse.map((row) => row[j]!);
        multiply(a, column).forEach((v, i) => expect(v).toBeCloseTo(i === j ? 1 : 0, 10));
      }
    }
  });

  it('drops a variable collinear with earlier ones and solves on the rest', () => {
    // Variable 2 = variable 0 + variable 1, so the third pivot is 0.
    const a = [
      [2, 1, 3],
      [1, 2, 3],
      [3, 3, 6],
    ];
    const decomposition = choleskyDecompose(a, 1e-12);
    expect(decomposition.rank).toBe(2);
    expect(decomposition.dropped).toEqual([false, false, true]);
    // On the first two variables: 2x + y = 3, x + 2y = 3 gives x = y = 1.
    const x = choleskySolve(decomposition, [3, 3, 99]);
    expect(x).toEqual([expect.closeTo(1, 14), expect.closeTo(1, 14), 0]);
    const inverse = choleskyInverse(decomposition);
    expect(inverse[2]).toEqual([0, 0, 0]);
    expect(inverse[0]![0]).toBeCloseTo(2 / 3, 14);
    expect(inverse[0]![1]).toBeCloseTo(-1 / 3, 14);
  });

  it('drops a zero variable and leaves the input alone', () => {
    const a = [
      [0, 0],
      [0, 4],
    ];
    const decomposition = choleskyDecompose(a, 1e-12);
    expect(decomposition.dropped).toEqual([true, false]);
    expect(choleskySolve(decomposition, [1, 2])).toEqual([0, 0.5]);
    expect(a).toEqual([
      [0, 0],
      [0, 4],
    ]);
  });
});
