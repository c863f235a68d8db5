import { describe, expect, it } from 'vitest';
import { survivalColumns, type SurvivalObservation } from '../../pipeline/stats/kaplanMeier.ts';
import { chiSquareSurvival } from '../../pipeline/stats/distributions.ts';
import { logRank, logRankOfColumns } from '../../pipeline/stats/logRank.ts';
import { solveLinearSystem } from '../../pipeline/stats/solveLinearSystem.ts';
import { randomInteger, seededRandom } from '../../pipeline/stats/seededRandom.ts';

/** Weeks of remission, `+` = censored (Freireich et al. 1963). */
function parseTimes(text: string): SurvivalObservation[] {
  return text.split(',').map((cell) => ({ time: Number.parseFloat(cell), event: !cell.endsWith('+') }));
}
const sixMP = parseTimes('6,6,6,6+,7,9+,10,10+,11+,13,16,17+,19+,20+,22,23,25+,32+,32+,34+,35+');
const placebo = parseTimes('1,1,2,2,3,4,4,5,5,8,8,8,8,11,11,12,12,15,17,22,23');

// Three small groups; the expected statistic was computed independently as (O - E)' V⁺ (O - E) with
// numpy's pseudo-inverse of the full 3 x 3 covariance matrix (no group left out), p by scipy.stats.chi2.
const groupA = parseTimes('2,3,3+,5,7,8+,11,12,15+');
const groupB = parseTimes('1,3,4,4,6+,9,10');
const groupC = parseTimes('5+,8,13,14,16,18+,20,21+,25,30+');

describe('logRank', () => {
  it('gives chisq 16.8 on 1 df, p = 4.17e-5, for 6-MP vs placebo (R survdiff: 16.79)', () => {
    const result = logRank([sixMP, placebo]);
    expect(result.chisq).toBeCloseTo(16.8, 1);
    expect(result.df).toBe(1);
    expect(result.p.toExponential(1)).toBe('4.2e-5');
    expect(result.p.toExponential(2)).toBe('4.17e-5');
  });

  it('agrees with an independent pseudo-inverse computation for three groups', () => {
    const result = logRank([groupA, groupB, groupC]);
    expect(result.chisq).toBeCloseTo(13.796102146800987, 10);
    expect(result.df).toBe(2);
    expect(result.p).toBeCloseTo(0.0010097514440649642, 12);
  });

  it('does not depend on the order of the groups or of the rows in them', () => {
    const reference = logRank([groupA, groupB, groupC]);
    const random = seededRandom(5);
    const shuffled = (group: SurvivalObservation[]) =>
      group
        .map((o) => ({ o, key: random() }))
        .sort((x, y) => x.key - y.key)
        .map(({ o }) => o);
    for (const order of [
      [groupC, groupA, groupB],
      [groupB, groupC, groupA],
    ]) {
      const result = logRank(order.map(shuffled));
      expect(result.chisq).toBeCloseTo(reference.chisq, 10);
      expect(result.df).toBe(2);
    }
  });

  it('gives chisq 0 and p 1 for two identical groups', () => {
    const result = logRank([sixMP, sixMP]);
    expect(result.chisq).toBeCloseTo(0, 12);
    expect(result.p).toBeCloseTo(1, 6);
  });

  it('drops empty groups', () => {
    expect(logRank([[], sixMP, [], placebo])).toEqual(logRank([sixMP, placebo]));
  });

  it('drops groups with no expected deaths, as survdiff does (all censored before the first death)', () => {
    const early = parseTimes('0.5+,0.5+');
    expect(logRank([sixMP, early, placebo])).toEqual(logRank([sixMP, placebo]));
  });

  it('gives { NaN, 0, NaN } with fewer than two usable groups', () => {
    const none = { chisq: NaN, df: 0, p: NaN };
    expect(logRank([])).toEqual(none);
    expect(logRank([sixMP])).toEqual(none);
    expect(logRank([sixMP, []])).toEqual(none);
    // No deaths at all: nobody is expected to die in any group.
    expect(logRank([parseTimes('1+,2+'), parseTimes('3+')])).toEqual(none);
  });

  it('gives NaN when the variance is singular (the only deaths: everyone at risk, at one time)', () => {
    const result = logRank([parseTimes('4'), parseTimes('4')]);
    expect(result.chisq).toBeNaN();
    expect(result.p).toBeNaN();
    expect(result.df).toBe(1);
  });

  it('has a p-value in [0, 1] and a non-negative statistic on random data', () => {
    const random = seededRandom(17);
    for (let trial = 0; trial < 100; trial++) {
      const k = randomInteger(random, 2, 4);
      const groups = Array.from({ length: k }, () =>
        Array.from({ length: randomInteger(random, 1, 30) }, () => ({
          time: randomInteger(random, 1, 20),
          event: random() < 0.7,
        })),
      );
      const result = logRank(groups);
      if (Number.isNaN(result.chisq)) continue;
      expect(result.chisq).toBeGreaterThanOrEqual(-1e-9);
      expect(result.p).toBeGreaterThanOrEqual(0);
      expect(result.p).toBeLessThanOrEqual(1);
      expect(result.df).toBeLessThanOrEqual(k - 1);
    }
  });

  it('rejects non-finite times', () => {
    expect(() => logRank([parseTimes('1,2'), [{ time: NaN, event: true }]])).toThrow(RangeError);
  });
});

describe('logRank: times a rounding step apart are one time, as in survdiff (timefix = TRUE)', () => {
  const MONTH = 30.4375;
  const observations = (times: number[], events: number[]) =>
    times.map((time, i) => ({ time, event: events[i] === 1 }));

  // Synthetic: group a dies at 12 days; group b has one censored and one death at 1 week 5 days, which the
  // old duration parser made 7/30.4375 + 5/30.4375 months, one rounding step below 12/30.4375.
  const nearTie = 7 / MONTH + 5 / MONTH;
  const a = observations([12 / MONTH, 1, 2, 3], [1, 1, 0, 1]);
  const b = observations([nearTie, nearTie, 1.5, 4], [0, 1, 1, 0]);

  it('gives chisq 0.1369193154034229 on 1 df (R survdiff)', () => {
    // R: df <- data.frame(time = c(12/30.4375, 1, 2, 3, 7/30.4375 + 5/30.4375, 7/30.4375 + 5/30.4375, 1.5, 4),
    //      status = c(1, 1, 0, 1, 0, 1, 1, 0), group = rep(c("a", "b"), each = 4))
    //    survdiff(Surv(time, status) ~ group, data = df)$chisq  →  0.13691931540342295
    //    (obs 3 2, exp 2.6 2.4; survdiff's timefix = FALSE fails in survival 3.5.3 with
    //    "variable lengths differ (found for '(timefix)')")
    const result = logRank([a, b]);
    expect(result.chisq).toBeCloseTo(0.13691931540342295, 14);
    expect(result.df).toBe(1);
  });

  it('gives the same statistic as the same data with the times exactly equal', () => {
    const exact = observations([12 / MONTH, 12 / MONTH, 1.5, 4], [0, 1, 1, 0]);
    expect(logRank([a, b]).chisq).toBe(logRank([a, exact]).chisq);
    // Not merged, the censoring in b comes before the deaths at 12 days, and the statistic changes.
    expect(logRank([a, b], { timefix: false }).chisq).not.toBeCloseTo(logRank([a, b]).chisq, 3);
  });

  it('merges times across groups by the relative rule (three groups, days around 1000)', () => {
    // R: df3 <- data.frame(time = c(1000, 1000 + 1e-6, 1200, 1800, 1000 + 2e-6, 1500, 1500 + 1e-6, 2100,
    //      900, 1200 + 1e-6, 2500, 3000), status = c(1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0),
    //      group = rep(c("x", "y", "z"), each = 4))
    //    r <- survdiff(Surv(time, status) ~ group, data = df3)
    //    r$chisq → 0.81434942649934483; pchisq(r$chisq, 2, lower.tail = FALSE) → 0.66552790360061764
    const x = observations([1000, 1000 + 1e-6, 1200, 1800], [1, 0, 1, 1]);
    const y = observations([1000 + 2e-6, 1500, 1500 + 1e-6, 2100], [1, 0, 1, 0]);
    const z = observations([900, 1200 + 1e-6, 2500, 3000], [1, 1, 1, 0]);
    const result = logRank([x, y, z]);
    expect(result.chisq).toBeCloseTo(0.81434942649934483, 13);
    expect(result.df).toBe(2);
    expect(result.p).toBeCloseTo(0.66552790360061764, 13);
  });
});

/** logRank as written before the column version (pooled objects sorted by a comparator): the reference. */
function logRankBySortingObjects(groups: ReadonlyArray<readonly SurvivalObservation[]>) {
  const nonEmpty = groups.filter((group) => group.length > 0);
  const k = nonEmpty.length;
  const pooled = nonEmpty.flatMap((g, j) => g.map((o) => ({ time: o.time, event: o.event, group: j })));
  pooled.sort((a, b) => a.time - b.time);
  const atRisk = nonEmpty.map((g) => g.length);
  const observed = new Array<number>(k).fill(0);
  const expected = new Array<number>(k).fill(0);
  const covariance = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let i = 0;
  while (i < pooled.length) {
    const time = pooled[i]!.time;
    const deaths = new Array<number>(k).fill(0);
    const leaving = new Array<number>(k).fill(0);
    for (; i < pooled.length && pooled[i]!.time === time; i++) {
      leaving[pooled[i]!.group]!++;
      if (pooled[i]!.event) deaths[pooled[i]!.group]!++;
    }
    const d = deaths.reduce((s, x) => s + x, 0);
    if (d > 0) {
      const n = atRisk.reduce((s, x) => s + x, 0);
      const spread = n > 1 ? (d * (n - d)) / (n - 1) : 0;
      for (let j = 0; j < k; j++) {
        const share = atRisk[j]! / n;
        observed[j]! += deaths[j]!;
        expected[j]! += d * share;
        for (let l = 0; l < k; l++)
          covariance[j]![l]! += spread * share * ((j === l ? 1 : 0) - atRisk[l]! / n);
      }
    }
    for (let j = 0; j < k; j++) atRisk[j]! -= leaving[j]!;
  }
  const kept = expected.flatMap((e, j) => (e > 0 ? [j] : []));
  if (kept.length < 2) return { chisq: NaN, df: 0, p: NaN };
  const used = kept.slice(1);
  const difference = used.map((j) => observed[j]! - expected[j]!);
  const solution = solveLinearSystem(
    used.map((j) => used.map((l) => covariance[j]![l]!)),
    difference,
  );
  const df = kept.length - 1;
  if (solution === null) return { chisq: NaN, df, p: NaN };
  const chisq = solution.reduce((sum, x, index) => sum + x * difference[index]!, 0);
  return { chisq, df, p: chiSquareSurvival(chisq, df) };
}

describe('logRank on columns', () => {
  it('gives bit for bit what the object sort gave, on random tied data in 2 and 3 groups', () => {
    const random = seededRandom(77);
    for (let trial = 0; trial < 40; trial++) {
      const groups = Array.from({ length: 2 + (trial % 2) }, () =>
        Array.from({ length: randomInteger(random, 0, 120) }, () => ({
          time: randomInteger(random, 1, 20) / 4,
          event: random() < 0.5,
        })),
      );
      const result = logRankOfColumns(groups.map(survivalColumns), { timefix: false });
      expect(result).toEqual(logRankBySortingObjects(groups));
      expect(logRank(groups)).toEqual(result);
    }
  });
});
