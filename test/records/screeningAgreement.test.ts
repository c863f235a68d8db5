import { describe, expect, it } from 'vitest';
import { screeningAgreement } from '../../pipeline/records/screeningAgreement.ts';
import type { ScreeningDecision } from '../../pipeline/records/screeningLog.ts';

const d = (group: string, reviewer: string, decision: string): ScreeningDecision => ({
  group,
  stage: 'title_abstract',
  reviewer,
  decision,
  reason: '',
  file: 'screening.csv',
  line: 0,
});

describe('screeningAgreement', () => {
  it('gives one row per pair of reviewers over the records both decided, leaving final rows out', () => {
    const rows = [
      d('g1', 'B', 'include'),
      d('g1', 'A', 'include'),
      d('g2', 'A', 'exclude'),
      d('g2', 'B', 'include'),
      d('g2', 'final', 'exclude'),
      d('g3', 'A', 'exclude'),
      d('g3', 'C', 'exclude'),
      d('g4', 'B', 'maybe'), // only B: in no pair
    ];
    const result = screeningAgreement(rows);
    expect(result.map((r) => [r.stage, r.reviewers, r.n, r.agreement])).toEqual([
      ['title_abstract', ['A', 'B'], 2, 0.5],
      ['title_abstract', ['A', 'C'], 1, 1],
    ]);
    // A/B: one agreement on include, one disagreement: p_o = 0.5, p_c = 0.5·1 = 0.5 → kappa 0
    expect(result[0]!.kappa).toBeCloseTo(0, 14);
    // A/C: a single category → no kappa (psych: a 1 x 1 table)
    expect(result[1]!.kappa).toBeNull();
  });
});
