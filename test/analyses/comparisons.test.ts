import { describe, expect, it } from 'vitest';
import { testsTable, type TestEntry } from '../../pipeline/analyses/comparisons.ts';

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
