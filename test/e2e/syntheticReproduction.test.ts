import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCohort, type RunResult } from '../../pipeline/run.ts';
import type { Stats } from '../../pipeline/stages/analyze.ts';
import { syntheticAdrenalCohort, tempOut } from '../helpers/cohortCopy.ts';

// The synthetic fixture (test/fixtures/synthetic-adrenal, made-up patients) is built so that every
// marginal count printed by Suzuki et al. 2023 holds. expected.json was computed by hand from the
// fixture, independently of the pipeline: where the paper's own arithmetic is off, it says so.
interface Expected {
  published: number;
  recomputed: number;
  status: 'matches' | 'differs';
  why: string;
}
const expected = JSON.parse(readFileSync('test/fixtures/synthetic-adrenal/expected.json', 'utf8')) as Record<
  string,
  Expected
>;
const publishedIds = (
  parse(readFileSync('data/adrenal-lms/published.csv'), { columns: true }) as Array<{ id: string }>
).map((r) => r.id);

describe('synthetic 49-patient fixture reproduces the published summary', () => {
  let result: RunResult;
  let stats: Stats;
  beforeAll(async () => {
    result = await runCohort(syntheticAdrenalCohort(), tempOut(), { png: false });
    stats = JSON.parse(readFileSync(join(result.outDir, 'stats.json'), 'utf8')) as Stats;
  });

  it('runs clean', () => {
    expect(result.exitCode).toBe(0);
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(stats.n_included).toBe(49);
  });

  it('reconciles every row of published.csv, and only those', () => {
    expect(stats.reconciliation.map((r) => r.id)).toEqual(publishedIds);
    expect(Object.keys(expected).sort()).toEqual([...publishedIds].sort());
  });

  it.each(publishedIds)('%s: status and value as computed by hand', (id) => {
    const r = stats.reconciliation.find((x) => x.id === id)!;
    const e = expected[id]!;
    expect(r.published).toBe(e.published);
    expect(r.status).toBe(e.status === 'matches' ? 'match' : 'differs');
    // The unrounded recomputation agrees with the hand value at the precision the hand value has.
    const decimals = (String(e.recomputed).split('.')[1] ?? '').length;
    expect(Math.round(r.recomputed! * 10 ** decimals) / 10 ** decimals).toBe(e.recomputed);
  });

  it('explains the one real mismatch: the IVC rate is a sum of rounded sub-rates, not 16/49', () => {
    const ivc = stats.reconciliation.find((r) => r.id === 'ivc_extension')!;
    expect(ivc.status).toBe('differs');
    expect(ivc.recomputed).toBeCloseTo((16 / 49) * 100, 10);
    expect(ivc.why).toContain('16/49');
    expect(ivc.why).toContain("paper's own rounding");
  });

  it('gives both denominators for every proportion', () => {
    const all = stats.statistics.filter((s) => s.denominator_kind === 'all');
    for (const s of all) {
      const reported = stats.statistics.find((x) => x.id === `${s.id}.reported`)!;
      expect(reported.numerator).toBe(s.numerator);
      expect(reported.denominator).toBeLessThanOrEqual(s.denominator);
      expect(s.denominator).toBe(49);
    }
  });

  it('pain 35/49 has the hand-computed Wilson and Clopper–Pearson intervals', () => {
    const pain = stats.statistics.find((s) => s.id === 'symptom_pain')!;
    expect([pain.numerator, pain.denominator]).toEqual([35, 49]);
    expect(pain.ci95.wilson[0]).toBeCloseTo(0.5759, 4);
    expect(pain.ci95.wilson[1]).toBeCloseTo(0.8215, 4);
    expect(pain.ci95.clopper_pearson[0]).toBeCloseTo(0.5674, 4);
    expect(pain.ci95.clopper_pearson[1]).toBeCloseTo(0.8342, 4);
  });
});
