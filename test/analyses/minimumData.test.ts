import { describe, expect, it } from 'vitest';
import { DEFAULT_MINIMUM, minimumData, notEstimated } from '../../pipeline/analyses/minimumData.ts';

describe('minimumData', () => {
  it('gives the documented defaults for a cohort without a minimum block', () => {
    expect(minimumData({})).toEqual({
      coxEvents: 5,
      coxEventsPerVariable: 10,
      survivalGroupPatients: 5,
      sensitivityPatients: 1,
      table1GroupPatients: 3,
    });
  });

  it('takes each key the cohort sets, and the default for the others', () => {
    expect(minimumData({ minimum: { coxEvents: 10, sensitivityPatients: 3 } })).toEqual({
      ...DEFAULT_MINIMUM,
      coxEvents: 10,
      sensitivityPatients: 3,
    });
  });

  it('says a withheld estimate as one sentence', () => {
    expect(notEstimated('3 deaths; Cox regression needs at least 5')).toBe(
      'Not estimated: 3 deaths; Cox regression needs at least 5.',
    );
  });
});
