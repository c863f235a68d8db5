import { describe, expect, it } from 'vitest';
import type { PublishedFigure } from '../../../pipeline/cohortTables/publishedFigures.ts';
import {
  reconcile,
  type ProportionEntry,
  type ReconcileInput,
} from '../../../pipeline/analyses/reconciliation/reconcile.ts';

const figure = (over: Partial<PublishedFigure>): PublishedFigure => ({
  id: 'x',
  label: 'X',
  statistic: 'x',
  field: 'percent',
  value: 0,
  decimals: 1,
  unit: 'percent',
  quote: '',
  line: 2,
  ...over,
});
const proportion = (id: string, numerator: number, denominator: number): ProportionEntry => ({
  id,
  label: id,
  numerator,
  denominator,
  percent: (100 * numerator) / denominator,
  denominator_kind: 'all',
});
const input = (over: Partial<ReconcileInput> = {}): ReconcileInput => ({
  nIncluded: 49,
  proportions: new Map([['pain', proportion('pain', 35, 49)]]),
  reportedProportions: new Map([['pain', proportion('pain', 35, 44)]]),
  continuous: new Map([
    [
      'followup',
      {
        summary: { min: 11 / 30.4375, max: 52 },
        unit: 'months',
        n: 40,
        extremeCases: { min: 'P-7', max: 'P-9' },
      },
    ],
  ]),
  ...over,
});

describe('reconcile', () => {
  it('matches when the recomputed value rounds to the printed precision', () => {
    const [r] = reconcile([figure({ statistic: 'pain', value: 71.4 })], input());
    expect(r!.status).toBe('match');
    expect(r!.recomputed).toBeCloseTo(71.4286, 4);
    expect(r!.why).toContain('35/49');
    expect(r!.why).toContain('not reported for 5 of 49');
  });

  it('differs by one in the last printed digit, and says no whole count gives the printed rate', () => {
    const [r] = reconcile(
      [
        figure({ statistic: 'n_included', field: 'value', value: 49, decimals: 0 }),
        figure({ statistic: 'pain', value: 71.3 }),
      ],
      input(),
    ).slice(1);
    expect(r!.status).toBe('differs');
    expect(r!.difference).toBeCloseTo(71.4286 - 71.3, 4);
    expect(r!.why).toContain('no whole number of 49 patients gives 71.3%');
  });

  it('converts a duration to the unit the paper printed (11 days), and names whose value is ours', () => {
    const [r] = reconcile(
      [figure({ statistic: 'followup', field: 'min', value: 11, decimals: 0, unit: 'days' })],
      input(),
    );
    expect(r!.recomputed).toBeCloseTo(11, 9);
    expect(r!.status).toBe('match');
    expect(r!.why).toContain("P-7's");
  });

  it('is unavailable when nothing is reported', () => {
    const [r] = reconcile(
      [figure({ statistic: 'followup', field: 'mean', value: 9, decimals: 0, unit: 'months' })],
      input(),
    );
    expect(r!.status).toBe('unavailable');
    expect(r!.recomputed).toBeNull();
  });
});
