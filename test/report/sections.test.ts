import { describe, expect, it } from 'vitest';
import { headline, medianInterval, testsTable } from '../../pipeline/report/sections.ts';
import type { TestEntry } from '../../pipeline/analyses/comparisons.ts';
import type { Stats } from '../../pipeline/stages/analyze.ts';
import type { StatisticEntry } from '../../pipeline/analyses/proportions/statisticEntries.ts';

// Synthetic 2 x 2 tables.
const entry = (table: TestEntry['table'], odds: number | null, ci: [number, number] | null): TestEntry => ({
  id: 't',
  label: 'Death by treatment',
  rows: ['Treated', 'Untreated'],
  columns: ['Dead', 'Alive'],
  table,
  p_value: odds === null ? null : 1,
  odds_ratio: odds,
  odds_ratio_ci95: ci,
  method: 'Fisher',
});

describe('testsTable', () => {
  it('shows an infinite odds ratio and limit as ∞, and no test as a dash', () => {
    const infinite = testsTable([
      entry(
        [
          [1, 0],
          [0, 1],
        ],
        Infinity,
        [0.02564066406, Infinity],
      ),
    ]).value;
    expect(infinite).toContain('∞ (0.03–∞)');
    expect(infinite).not.toContain('NA');
    const none = testsTable([
      entry(
        [
          [0, 0],
          [0, 0],
        ],
        null,
        null,
      ),
    ]).value;
    expect(none).toContain('– (–)');
  });
});

// Synthetic proportions: 6 of 38 over all included, 6 of 7 where reported.
const proportion = (
  id: string,
  numerator: number,
  denominator: number,
  kind: 'all' | 'reported',
): StatisticEntry => ({
  id,
  label: 'IVC extension',
  numerator,
  denominator,
  percent: (numerator / denominator) * 100,
  denominator_kind: kind,
  ci95: { wilson: [0, 1], clopper_pearson: [0, 1] },
  case_ids: [],
});
const stats = (median: { estimate: number | null; ci95: [number | null, number | null] }, events: number) =>
  ({
    n_included: 38,
    n_excluded: 0,
    continuous: {},
    statistics: [proportion('ivc', 6, 38, 'all'), proportion('ivc.reported', 6, 7, 'reported')],
    survival: {
      time_unit: 'months',
      overall: { n: 9, events, median },
      median_followup: { estimate: 12, ci95: [6, 31] },
    },
  }) as unknown as Stats;

/** The text a reader sees: tags removed, white space folded. */
const textOf = (markup: string) => markup.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

describe('headline', () => {
  it('gives both shares as equals, the reported one first, and how many are not reported', () => {
    const markup = headline(stats({ estimate: 53, ci95: [0.69, null] }, 3), ['ivc']).value;
    expect(textOf(markup)).toContain(
      'IVC extension 6 of 7 reported · 85.7% 6 of 38 included · 15.8% not reported for 31',
    );
    // Neither share is set as the big number: both in the same style.
    const shares = [...markup.matchAll(/<span class="(\w+)" data-stat="(ivc[^"]*)"/g)].map((m) => [
      m[2],
      m[1],
    ]);
    expect(shares).toEqual([
      ['ivc.reported', 'share'],
      ['ivc', 'share'],
    ]);
  });

  it('gives a continuous variable as median (IQR), or mean (SD) when the cohort asks', () => {
    const withFollowup = {
      ...stats({ estimate: 53, ci95: [0.69, null] }, 3),
      continuous: {
        followup_months: {
          label: 'Follow-up (months)',
          n: 30,
          min: 0.7,
          q1: 6,
          median: 12,
          mean: 22.5,
          q3: 31,
          max: 84,
          sd: 24.1,
        },
      },
    } as unknown as Stats;
    const median = textOf(headline(withFollowup, []).value);
    expect(median).toContain('12 median Follow-up (months) (IQR 6–31); range 0.7–84, n = 30');
    expect(median).not.toContain('22.5');
    const mean = textOf(headline(withFollowup, [], [{ id: 'followup_months', headline: 'mean' }]).value);
    expect(mean).toContain('22.5 mean Follow-up (months) (SD 24.1); range 0.7–84, n = 30');
  });

  it('puts the median follow-up (reverse Kaplan–Meier) beside the median survival', () => {
    const text = textOf(headline(stats({ estimate: 53, ci95: [0.69, null] }, 3), []).value);
    expect(text).toContain(
      '12 months median follow-up, reverse Kaplan–Meier (95% CI 6 months to 31 months; the same 9 patients)',
    );
    expect(text.indexOf('median survival')).toBeLessThan(text.indexOf('median follow-up'));
  });

  it('says a median limit the curve never reaches is not estimable, and cautions on few deaths', () => {
    const text = headline(stats({ estimate: 53, ci95: [0.69, null] }, 3), []).value.replace(/\s+/g, ' ');
    expect(text).toContain('53 months');
    expect(text).toContain('95% CI 0.7 months to not estimable; 9 patients, 3 deaths)');
    expect(text).toContain('Few events (3 deaths): interpret with care.');
    expect(text).not.toContain('NA');
    const many = headline(stats({ estimate: 20, ci95: [10, 30] }, 12), []).value;
    expect(many).not.toContain('interpret with care');
    const one = headline(stats({ estimate: 20, ci95: [10, 30] }, 1), []).value.replace(/\s+/g, ' ');
    expect(one).toContain('1 death)');
  });
});

describe('medianInterval', () => {
  it('prints both limits with the unit, or not estimable for an open one', () => {
    expect(medianInterval([10, 30], 'months')).toBe('10 months to 30 months');
    expect(medianInterval([13, null], 'months')).toBe('13 months to not estimable');
    expect(medianInterval([null, null], 'months')).toBe('not estimable');
    expect(medianInterval([0.69, Infinity], '')).toBe('0.7 to not estimable');
  });
});

describe('testsTable caution', () => {
  it('cautions a Fisher test on a group under 5 patients, not one on larger groups', () => {
    const small = testsTable([
      entry(
        [
          [2, 1],
          [3, 4],
        ],
        2,
        [0.1, 40],
      ),
    ]).value;
    expect(small).toContain('interpret with care');
    const large = testsTable([
      entry(
        [
          [12, 10],
          [11, 14],
        ],
        1.5,
        [0.4, 5],
      ),
    ]).value;
    expect(large).not.toContain('interpret with care');
  });
});
