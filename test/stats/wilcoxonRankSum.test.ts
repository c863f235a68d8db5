import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../pipeline/stats/distributions.ts';
import { randomInteger, seededRandom } from '../../pipeline/stats/seededRandom.ts';
import { wilcoxonRankSum } from '../../pipeline/stats/wilcoxonRankSum.ts';

const EXACT = 'Wilcoxon rank sum exact test';
const NORMAL = 'Wilcoxon rank sum test with continuity correction';
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// Reference values: R 4.2.2, options(digits = 17); each case names its call, printing statistic, p.value, method.
describe('wilcoxonRankSum against R wilcox.test(x, y)', () => {
  it('exact, unequal sizes: wilcox.test(c(0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46), c(1.15, 0.88, 0.90, 0.74, 1.21))', () => {
    // W = 35, p = 0.2544122544122544 (R's ?wilcox.test example, permeability constants)
    const result = wilcoxonRankSum(
      [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46],
      [1.15, 0.88, 0.9, 0.74, 1.21],
    );
    expect(result).toEqual({
      statistic: 35,
      p_value: expect.closeTo(0.2544122544122544, 14),
      method: EXACT,
      n_x: 10,
      n_y: 5,
    });
  });

  it('exact, tiny samples: wilcox.test(c(1, 2, 3), c(4, 5, 6, 7)) and wilcox.test(c(10, 20), c(1, 2, 3))', () => {
    // W = 0, p = 0.057142857142857141 (= 2 / C(7, 3)); W = 6, p = 0.20000000000000001 (= 2 / C(5, 2))
    expect(wilcoxonRankSum([1, 2, 3], [4, 5, 6, 7])).toMatchObject({ statistic: 0, method: EXACT });
    expect(wilcoxonRankSum([1, 2, 3], [4, 5, 6, 7])!.p_value).toBeCloseTo(2 / 35, 15);
    expect(wilcoxonRankSum([10, 20], [1, 2, 3])).toMatchObject({ statistic: 6, method: EXACT });
    expect(wilcoxonRankSum([10, 20], [1, 2, 3])!.p_value).toBeCloseTo(0.2, 15);
  });

  it('exact, interleaved: wilcox.test(c(0.5, 2.5), c(1, 2, 3, 4, 5, 6, 7))', () => {
    // W = 2, p = 0.22222222222222221
    const result = wilcoxonRankSum([0.5, 2.5], [1, 2, 3, 4, 5, 6, 7])!;
    expect(result.statistic).toBe(2);
    expect(result.p_value).toBeCloseTo(0.22222222222222221, 15);
  });

  it('exact, 20 v 20: wilcox.test(sqrt(1:20) * 3, log(2:21) * 4)', () => {
    // W = 213, p = 0.73806220634580655
    const result = wilcoxonRankSum(
      range(1, 20).map((i) => Math.sqrt(i) * 3),
      range(2, 21).map((i) => Math.log(i) * 4),
    )!;
    expect(result.method).toBe(EXACT);
    expect(result.statistic).toBe(213);
    expect(result.p_value).toBeCloseTo(0.73806220634580655, 13);
  });

  it('exact at the largest sizes it is used for, 49 v 49: wilcox.test((1:49) + 0.25, (1:49) * 0.9)', () => {
    // W = 1335, p = 0.34261289726340294
    const result = wilcoxonRankSum(
      range(1, 49).map((i) => i + 0.25),
      range(1, 49).map((i) => i * 0.9),
    )!;
    expect(result.method).toBe(EXACT);
    expect(result.statistic).toBe(1335);
    expect(result.p_value).toBeCloseTo(0.34261289726340294, 12);
  });

  it('ties, small: wilcox.test(c(1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30), c(0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29))', () => {
    // W = 58, p = 0.13291945818531886, with continuity correction (R warns: cannot compute exact p-value with ties)
    const result = wilcoxonRankSum(
      [1.83, 0.5, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.3],
      [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29],
    )!;
    expect(result).toEqual({
      statistic: 58,
      p_value: expect.closeTo(0.13291945818531886, 14),
      method: NORMAL,
      n_x: 9,
      n_y: 9,
    });
  });

  it('ties within and across the samples use the tie-corrected variance: wilcox.test(c(3, 5, 5, 7, 9, 2), c(1, 2, 2, 4, 6))', () => {
    // W = 23, p = 0.16601056437093295
    const result = wilcoxonRankSum([3, 5, 5, 7, 9, 2], [1, 2, 2, 4, 6])!;
    expect(result.statistic).toBe(23);
    expect(result.p_value).toBeCloseTo(0.16601056437093295, 14);
    expect(result.method).toBe(NORMAL);
  });

  it('n >= 50 in both: x <- ((1:60) * 37) %% 101 / 7; y <- ((1:55) * 53) %% 89 / 5; wilcox.test(x, y)', () => {
    // W = 1318.5, p = 0.063844744602672518 (5 tied values)
    const x = range(1, 60).map((i) => ((i * 37) % 101) / 7);
    const y = range(1, 55).map((i) => ((i * 53) % 89) / 5);
    const result = wilcoxonRankSum(x, y)!;
    expect(result.statistic).toBe(1318.5);
    expect(result.p_value).toBeCloseTo(0.063844744602672518, 14);
    expect(result.method).toBe(NORMAL);
  });

  it('one sample >= 50 and no ties is still the normal approximation: wilcox.test((1:10) + 0.25, (1:55) * 0.3)', () => {
    // W = 187, p = 0.11163003635549021
    const result = wilcoxonRankSum(
      range(1, 10).map((i) => i + 0.25),
      range(1, 55).map((i) => i * 0.3),
    )!;
    expect(result.method).toBe(NORMAL);
    expect(result.statistic).toBe(187);
    expect(result.p_value).toBeCloseTo(0.11163003635549021, 14);
  });

  it('many ties, unequal sizes: x2 <- ((1:12) * 7) %% 13; y2 <- ((1:60) * 11) %% 17 + 0.5; wilcox.test(x2, y2)', () => {
    // W = 264, p = 0.14862163057095204
    const result = wilcoxonRankSum(
      range(1, 12).map((i) => (i * 7) % 13),
      range(1, 60).map((i) => ((i * 11) % 17) + 0.5),
    )!;
    expect(result.statistic).toBe(264);
    expect(result.p_value).toBeCloseTo(0.14862163057095204, 14);
  });

  it('all values equal: W = 3 and p NaN, as wilcox.test(c(4, 4, 4), c(4, 4))', () => {
    const result = wilcoxonRankSum([4, 4, 4], [4, 4])!;
    expect(result.statistic).toBe(3);
    expect(result.p_value).toBeNaN();
  });
});

describe('wilcoxonRankSum properties', () => {
  it('swapping the samples turns W into n_x n_y - W with the same p (seeded)', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 40; trial++) {
      const nx = 1 + Math.floor(random() * 15);
      const ny = 1 + Math.floor(random() * 60);
      // Every third trial on a coarse grid, so that ties occur.
      const draw = () => (trial % 3 === 0 ? Math.floor(random() * 6) : random());
      const x = Array.from({ length: nx }, draw);
      const y = Array.from({ length: ny }, draw);
      const forward = wilcoxonRankSum(x, y)!;
      const backward = wilcoxonRankSum(y, x)!;
      expect(backward.statistic).toBeCloseTo(nx * ny - forward.statistic, 10);
      expect(backward.p_value).toBeCloseTo(forward.p_value, 12);
      expect(backward.method).toBe(forward.method);
      expect(forward.p_value).toBeGreaterThan(0);
      expect(forward.p_value).toBeLessThanOrEqual(1);
    }
  });

  it('depends only on the ranks: a monotone transformation leaves the result unchanged', () => {
    const x = [0.3, 1.7, 2.2, 5.1, 0.9];
    const y = [1.1, 3.3, 4.4, 0.1, 6.6, 7.2];
    const transformed = (v: number[]) => v.map((t) => Math.exp(t) + 3);
    expect(wilcoxonRankSum(transformed(x), transformed(y))).toEqual(wilcoxonRankSum(x, y));
  });

  it('is no test for an empty sample and refuses missing values', () => {
    expect(wilcoxonRankSum([], [1, 2])).toBeNull();
    expect(wilcoxonRankSum([1], [])).toBeNull();
    expect(() => wilcoxonRankSum([1, NaN], [2])).toThrow(RangeError);
  });
});

/** W and the tie sizes as computed before: pooled indices sorted by a comparator, ranks summed in x's order. */
function statisticByPooledRanks(x: readonly number[], y: readonly number[]) {
  const values = [...x, ...y];
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(values.length);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end]!] === values[order[start]!]) end++;
    for (let k = start; k < end; k++) ranks[order[k]!] = (start + 1 + end) / 2;
    tieSizes.push(end - start);
    start = end;
  }
  let rankSumX = 0;
  for (let i = 0; i < x.length; i++) rankSumX += ranks[i]!;
  return { statistic: rankSumX - (x.length * (x.length + 1)) / 2, tieSizes };
}

describe('wilcoxonRankSum: ranks without a pooled sort', () => {
  it('gives the W and p of the pooled comparator sort, on random samples with and without ties', () => {
    const random = seededRandom(2024);
    for (let trial = 0; trial < 60; trial++) {
      const spread = trial % 2 === 0 ? 8 : 100000;
      const draw = (n: number) => Array.from({ length: n }, () => randomInteger(random, 0, spread) / 4);
      const x = draw(randomInteger(random, 1, 80));
      const y = draw(randomInteger(random, 1, 80));
      const result = wilcoxonRankSum(x, y)!;
      const reference = statisticByPooledRanks(x, y);
      expect(result.statistic).toBe(reference.statistic);
      const n = x.length + y.length;
      if (reference.tieSizes.some((t) => t > 1) || x.length >= 50 || y.length >= 50) {
        const tieTerm = reference.tieSizes.reduce((s, t) => s + (t * t * t - t), 0) / (n * (n - 1));
        const sigma = Math.sqrt(((x.length * y.length) / 12) * (n + 1 - tieTerm));
        const centred = reference.statistic - (x.length * y.length) / 2;
        const z = (centred - Math.sign(centred) * 0.5) / sigma;
        expect(result.p_value).toBe(2 * normalCdf(-Math.abs(z)));
      }
      expect(wilcoxonRankSum(Float64Array.from(x), Float64Array.from(y))).toEqual(result);
    }
  });
});
