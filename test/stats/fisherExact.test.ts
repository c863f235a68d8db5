import { describe, expect, it } from 'vitest';
import { logGamma } from '../../pipeline/stats/distributions.ts';
import {
  fisherExact,
  fisherExactPValue,
  logFactorials,
  type TwoByTwoTable,
} from '../../pipeline/stats/fisherExact.ts';
import { randomInteger, seededRandom } from '../../pipeline/stats/seededRandom.ts';

// For [[3, 1], [1, 3]] (all margins 4) the conditional distribution of the top-left cell is proportional
// to C(4, x) C(4, 4 - x) ψ^x = 1, 16ψ, 36ψ², 16ψ³, ψ⁴ for x = 0..4: the defining equations can be
// checked by hand.
const teaWeights = (psi: number) => [1, 16 * psi, 36 * psi ** 2, 16 * psi ** 3, psi ** 4];
const teaTotal = (psi: number) => teaWeights(psi).reduce((s, w) => s + w, 0);
const teaMean = (psi: number) => teaWeights(psi).reduce((s, w, x) => s + w * x, 0) / teaTotal(psi);
const teaAtLeast3 = (psi: number) => (16 * psi ** 3 + psi ** 4) / teaTotal(psi);
const teaAtMost3 = (psi: number) => 1 - psi ** 4 / teaTotal(psi);

describe('fisherExact: lady tasting tea [[3, 1], [1, 3]]', () => {
  const result = fisherExact([
    [3, 1],
    [1, 3],
  ]);

  it('gives the two-sided p = 0.4857 (= 34/70)', () => {
    expect(result.p_value).toBeCloseTo(0.4857, 4);
    expect(result.p_value).toBeCloseTo(34 / 70, 14);
  });

  it('gives the conditional MLE odds ratio 6.408 (R 6.408309), where the conditional mean is 3', () => {
    expect(result.odds_ratio_method).toBe('conditional MLE');
    expect(result.odds_ratio).toBeCloseTo(6.408, 3);
    expect(teaMean(result.odds_ratio)).toBeCloseTo(3, 12);
  });

  it('gives the lower 95% limit 0.2117 (R 0.2117329), where P(X >= 3) = 0.025', () => {
    expect(result.ci95[0]).toBeCloseTo(0.2117, 4);
    expect(teaAtLeast3(result.ci95[0])).toBeCloseTo(0.025, 12);
  });

  it('gives the upper 95% limit 626.2435, where P(X <= 3) = 0.025; R prints 621.9337 (uniroot tolerance)', () => {
    expect(result.ci95[1]).toBeCloseTo(626.2435, 4);
    expect(teaAtMost3(result.ci95[1])).toBeCloseTo(0.025, 12);
    // R's value misses the equation in the fourth decimal: it stops within ~1e-4 of the root in 1/ψ.
    expect(teaAtMost3(621.9337)).toBeCloseTo(0.02517, 5);
  });
});

describe('fisherExact', () => {
  it('gives p = 0.002759 for [[1, 9], [11, 3]] (the worked example on Wikipedia)', () => {
    expect(
      fisherExact([
        [1, 9],
        [11, 3],
      ]).p_value,
    ).toBeCloseTo(0.002759, 6);
  });

  it('agrees with scipy.stats (1.17) on a large table without overflow', () => {
    const result = fisherExact([
      [500, 400],
      [300, 600],
    ]);
    expect(result.p_value / 2.5272458336208166e-21).toBeCloseTo(1, 9);
    expect(result.odds_ratio).toBeCloseTo(2.498684558936705, 9);
    expect(result.ci95[0]).toBeCloseTo(2.0558042860758006, 9);
    expect(result.ci95[1]).toBeCloseTo(3.0405003198569314, 9);
  });

  it('gives odds ratio 0 and Infinity at the boundaries of the support, with the open-ended limit', () => {
    const zero = fisherExact([
      [0, 5],
      [5, 0],
    ]);
    expect(zero.odds_ratio).toBe(0);
    expect(zero.ci95[0]).toBe(0);
    expect(zero.ci95[1]).toBeGreaterThan(0);
    // Only the two extreme tables, each 1 / C(10, 5), are as unlikely as the observed one.
    expect(zero.p_value).toBeCloseTo(2 / 252, 14);
    const infinite = fisherExact([
      [5, 0],
      [0, 5],
    ]);
    expect(infinite.odds_ratio).toBe(Infinity);
    expect(infinite.ci95[1]).toBe(Infinity);
    expect(infinite.ci95[0]).toBeCloseTo(1 / zero.ci95[1], 10);
  });

  it('follows R for a table with an empty margin: p 1, odds ratio 0, interval [0, Infinity]', () => {
    expect(
      fisherExact([
        [0, 0],
        [0, 0],
      ]),
    ).toEqual({ p_value: 1, odds_ratio: 0, odds_ratio_method: 'conditional MLE', ci95: [0, Infinity] });
    expect(
      fisherExact([
        [6, 16],
        [0, 0],
      ]).p_value,
    ).toBe(1);
  });

  it('has p in [0, 1], symmetric under transposition, and an interval containing the estimate', () => {
    const random = seededRandom(77);
    for (let trial = 0; trial < 300; trial++) {
      const top = trial % 3 === 0 ? 5 : 40;
      const table: TwoByTwoTable = [
        [randomInteger(random, 0, top), randomInteger(random, 0, top)],
        [randomInteger(random, 0, top), randomInteger(random, 0, top)],
      ];
      const [[a, b], [c, d]] = table;
      const result = fisherExact(table);
      const transposed = fisherExact([
        [a, c],
        [b, d],
      ]);
      expect(result.p_value).toBeGreaterThanOrEqual(0);
      expect(result.p_value).toBeLessThanOrEqual(1);
      expect(transposed.p_value).toBeCloseTo(result.p_value, 12);
      if (Number.isFinite(result.odds_ratio) && result.odds_ratio > 0) {
        expect(transposed.odds_ratio).toBeCloseTo(result.odds_ratio, 8);
        expect(result.ci95[0]).toBeLessThanOrEqual(result.odds_ratio);
        expect(result.ci95[1]).toBeGreaterThanOrEqual(result.odds_ratio);
        // Swapping the rows inverts the odds ratio and leaves the two-sided p alone.
        const swapped = fisherExact([
          [c, d],
          [a, b],
        ]);
        expect(swapped.odds_ratio * result.odds_ratio).toBeCloseTo(1, 8);
        expect(swapped.p_value).toBeCloseTo(result.p_value, 12);
      }
    }
  });

  it('rejects negative or fractional cells', () => {
    expect(() =>
      fisherExact([
        [1, -1],
        [2, 3],
      ]),
    ).toThrow(RangeError);
    expect(() =>
      fisherExact([
        [1, 1.5],
        [2, 3],
      ]),
    ).toThrow(RangeError);
  });
});

describe('fisherExactPValue', () => {
  it("is fisherExact's p-value, for small, boundary, empty-margin and large tables", () => {
    const tables: Array<[[number, number], [number, number]]> = [
      [
        [3, 1],
        [1, 3],
      ],
      [
        [1, 9],
        [11, 3],
      ],
      [
        [0, 5],
        [5, 0],
      ],
      [
        [0, 0],
        [4, 6],
      ],
      [
        [12000, 18000],
        [30500, 39500],
      ],
    ];
    for (const table of tables) expect(fisherExactPValue(table)).toBe(fisherExact(table).p_value);
  });
});

/** The two-sided p as computed before (logChoose per support point, exp of every weight): the reference. */
function pValueAsBefore([[a, b], [c, d]]: TwoByTwoTable): number {
  const logChoose = (n: number, k: number) => logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  const [colOne, colTwo, rowOne] = [a + c, b + d, a + b];
  const lowest = Math.max(0, rowOne - colTwo);
  const support: number[] = [];
  for (let x = lowest; x <= Math.min(rowOne, colOne); x++) support.push(x);
  const logs = support.map(
    (x) => logChoose(colOne, x) + logChoose(colTwo, rowOne - x) - logChoose(colOne + colTwo, rowOne),
  );
  const top = logs.reduce((m, l) => Math.max(m, l), -Infinity);
  const weights = logs.map((l) => Math.exp(l - top));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const central = weights.map((w) => w / total);
  const observed = central[a - lowest]!;
  return Math.min(
    1,
    central.reduce((sum, p) => (p <= observed * (1 + 1e-7) ? sum + p : sum), 0),
  );
}

describe('fisherExactPValue: the same bits as before the shortcuts', () => {
  it('agrees exactly with the plain computation on random tables up to 20,000 patients', () => {
    const random = seededRandom(8);
    for (let trial = 0; trial < 30; trial++) {
      const cell = () => randomInteger(random, 0, trial < 15 ? 30 : 5000);
      const table: TwoByTwoTable = [
        [cell(), cell()],
        [cell(), cell()],
      ];
      expect(fisherExactPValue(table)).toBe(pValueAsBefore(table));
      expect(fisherExact(table).p_value).toBe(pValueAsBefore(table));
    }
  });
});

describe('fisherExact with the log factorials looked up (logFactorials)', () => {
  it('holds logGamma(k + 1) for k = 0 … n', () => {
    const table = logFactorials(6);
    expect(table).toHaveLength(7);
    table.forEach((value, k) => expect(value).toBe(logGamma(k + 1)));
    expect(logFactorials(0)).toEqual(Float64Array.from([logGamma(1)]));
  });

  it('gives the same numbers, bit for bit, as without them (small, lopsided and large tables)', () => {
    const tables: Array<[[number, number], [number, number]]> = [
      [
        [3, 1],
        [1, 3],
      ],
      [
        [0, 5],
        [7, 0],
      ],
      [
        [12, 0],
        [3, 9],
      ],
      // Large enough that most of the support underflows to a weight of 0.
      [
        [20_000, 18_000],
        [15_000, 17_000],
      ],
      [
        [60_000, 1],
        [40_000, 2],
      ],
    ];
    const shared = logFactorials(80_000);
    for (const table of tables) {
      const total = table[0][0] + table[0][1] + table[1][0] + table[1][1];
      for (const logFactorial of [shared, logFactorials(total)]) {
        expect(fisherExact(table, logFactorial)).toEqual(fisherExact(table));
        expect(Object.is(fisherExactPValue(table, logFactorial), fisherExactPValue(table))).toBe(true);
      }
      // A table too short for the margins is not used.
      expect(fisherExact(table, logFactorials(1))).toEqual(fisherExact(table));
    }
  });
});
