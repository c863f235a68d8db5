import { describe, expect, it } from 'vitest';
import { solveLinearSystem } from '../../pipeline/stats/solveLinearSystem.ts';
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
