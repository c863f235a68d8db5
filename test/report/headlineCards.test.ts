import { describe, expect, it } from 'vitest';
import { continuousCards } from '../../pipeline/analyses/continuous.ts';
import { proportionCards } from '../../pipeline/analyses/proportions.ts';
import type { StatisticEntry } from '../../pipeline/analyses/proportions/statisticEntries.ts';
import { medianInterval, survivalCards } from '../../pipeline/analyses/survival/survivalTable.ts';
import type { Html } from '../../pipeline/report/escapeHtml.ts';
import type { Stats } from '../../pipeline/stages/analyze.ts';

const cardsText = (cards: readonly Html[]) => cards.map((c) => c.value).join('');

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

describe('headline cards', () => {
  it('gives both shares as equals, the reported one first, and how many are not reported', () => {
    const markup = cardsText(
      proportionCards(stats({ estimate: 53, ci95: [0.69, null] }, 3).statistics, ['ivc']),
    );
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
    const median = textOf(cardsText(continuousCards(withFollowup.continuous)));
    expect(median).toContain('12 median Follow-up (months) (IQR 6–31); range 0.7–84, n = 30');
    expect(median).not.toContain('22.5');
    const mean = textOf(
      cardsText(continuousCards(withFollowup.continuous, [{ id: 'followup_months', headline: 'mean' }])),
    );
    expect(mean).toContain('22.5 mean Follow-up (months) (SD 24.1); range 0.7–84, n = 30');
  });

  it('puts the median follow-up (reverse Kaplan–Meier) beside the median survival', () => {
    const text = textOf(cardsText(survivalCards(stats({ estimate: 53, ci95: [0.69, null] }, 3).survival!)));
    expect(text).toContain(
      '12 months median follow-up, reverse Kaplan–Meier (95% CI 6 months to 31 months; the same 9 patients)',
    );
    expect(text.indexOf('median survival')).toBeLessThan(text.indexOf('median follow-up'));
  });

  it('says a median limit the curve never reaches is not estimable, and cautions on few deaths', () => {
    const text = cardsText(survivalCards(stats({ estimate: 53, ci95: [0.69, null] }, 3).survival!)).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain('53 months');
    expect(text).toContain('95% CI 0.7 months to not estimable; 9 patients, 3 deaths)');
    expect(text).toContain('Few events (3 deaths): interpret with care.');
    expect(text).not.toContain('NA');
    const many = cardsText(survivalCards(stats({ estimate: 20, ci95: [10, 30] }, 12).survival!));
    expect(many).not.toContain('interpret with care');
    const one = cardsText(survivalCards(stats({ estimate: 20, ci95: [10, 30] }, 1).survival!)).replace(
      /\s+/g,
      ' ',
    );
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
