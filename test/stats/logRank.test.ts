import { describe, expect, it } from 'vitest';
import type { SurvivalObservation } from '../../pipeline/stats/kaplanMeier.ts';
import { logRank } from '../../pipeline/stats/logRank.ts';
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
