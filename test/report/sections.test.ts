import { describe, expect, it } from 'vitest';
import { testsTable } from '../../pipeline/report/sections.ts';
import type { TestEntry } from '../../pipeline/stages/analyze.ts';

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
