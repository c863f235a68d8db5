import { describe, expect, it } from 'vitest';
import { statsJsonReviver } from '../../pipeline/io/statsJson.ts';
import { ANALYSES } from '../../pipeline/analyses/index.ts';
import { analysisSteps, analyze } from '../../pipeline/stages/analyze.ts';
import { normalize } from '../../pipeline/stages/normalize.ts';
import { adrenalContext, extracted } from '../helpers/stageInput.ts';
import { casesTable } from '../../pipeline/cohortTables/casesTable.ts';

// Synthetic rows (see normalize.test.ts for the column order): 4 included, 1 excluded.
const ROWS = [
  'A,syn,30,F,R,,abdominal pain,ivc,,,,,,,dead,6,,,',
  'B,syn,50,F,L,,incidental,none,,,,,,,alive,12,,,',
  'C,syn,70,M,R,,,,,,,,,,dead,18,,,',
  'D,syn,,,,,flank pain,,,,,,,,,,,,',
  'E,syn,90,F,R,,back pain,ivc,,,,,,,dead,1,,no,excluded for the test',
];

describe('analyze', () => {
  const context = adrenalContext();
  const normalized = normalize(extracted(ROWS), context);
  const { stats, files } = analyze(
    {
      cases: normalized.tables.of(casesTable)!,
      published: [],
      inputs: [{ role: 'cases', file: 'cases.csv', sha256: 'x' }],
    },
    context,
  );
  const get = (id: string) => stats.statistics.find((s) => s.id === id)!;

  it('counts included patients only, over all and over reported', () => {
    expect([stats.n_included, stats.n_excluded]).toEqual([4, 1]);
    expect([get('symptom_pain').numerator, get('symptom_pain').denominator]).toEqual([2, 4]);
    expect(get('symptom_pain.reported').denominator).toBe(3);
    expect([get('ivc_extension').numerator, get('ivc_extension.reported').denominator]).toEqual([1, 2]);
    expect(get('outcome_unknown').numerator).toBe(1);
  });

  it('summarises continuous variables over reported values', () => {
    expect(stats.continuous.age_years).toMatchObject({ n: 3, min: 30, max: 70, mean: 50, median: 50 });
  });

  it('runs the survival analysis on patients with outcome and time, counting the others', () => {
    const overall = stats.survival!.overall;
    expect([overall.n, overall.events, overall.censored, overall.excluded]).toEqual([3, 2, 1, 1]);
    expect(overall.excluded_reasons).toEqual([{ reason: 'outcome not reported', n: 1 }]);
    // Deaths at 6 and 18 months, B censored at 12: S = 2/3 after 6, 0 after 18.
    expect(overall.table.map((r) => [r.time, r.survival])).toEqual([
      [6, 2 / 3],
      [12, 2 / 3],
      [18, 0],
    ]);
  });

  it('writes stats.json', () => {
    expect(files.map((f) => f.path)).toEqual(['stats.json']);
    expect(JSON.parse(String(files[0]!.content)).n_included).toBe(4);
  });

  it('writes an infinite odds ratio and limit as "Infinity", distinct from null for no test, and reads them back', () => {
    // Death by IVC extension: A (IVC, dead) and B (no IVC, alive) give [[1, 0], [0, 1]].
    // R: fisher.test(matrix(c(1, 0, 0, 1), 2))  →  p 1, odds ratio Inf, 95% CI 0.02564066406 Inf
    const ivc = stats.tests.find((t) => t.id === 'death_by_ivc_extension')!;
    expect(ivc.table).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(ivc.odds_ratio).toBe(Infinity);
    expect(ivc.odds_ratio_ci95![0]).toBeCloseTo(0.02564066406, 4);
    expect(ivc.odds_ratio_ci95![1]).toBe(Infinity);
    const text = String(files[0]!.content);
    const plain = JSON.parse(text) as { tests: Array<Record<string, unknown>> };
    const written = plain.tests.find((t) => t.id === 'death_by_ivc_extension')!;
    expect(written.odds_ratio).toBe('Infinity');
    expect((written.odds_ratio_ci95 as unknown[])[1]).toBe('Infinity');
    // No patient has a known surgery status: no test, written null.
    const noTest = plain.tests.find((t) => t.id === 'death_by_surgery')!;
    expect([noTest.p_value, noTest.odds_ratio, noTest.odds_ratio_ci95]).toEqual([null, null, null]);
    const revived = JSON.parse(text, statsJsonReviver) as typeof stats;
    expect(revived.tests).toEqual(stats.tests);
    expect(revived.tests[0]!.odds_ratio).toBe(Infinity);
  });
});

describe('analyze: a death and a censoring on the same day, typed in different units', () => {
  // Synthetic: W died at 12 days, X was alive at 1 week 5 days; Y died at 1 month, Z alive at 2 months.
  const rows = [
    'W,syn,60,F,R,,,,,,,,,,dead,12 days,,,',
    'X,syn,61,F,R,,,,,,,,,,alive,1 week 5 days,,,',
    'Y,syn,62,F,R,,,,,,,,,,dead,1 month,,,',
    'Z,syn,63,F,R,,,,,,,,,,alive,2 months,,,',
  ];
  const context = adrenalContext();
  const normalized = normalize(extracted(rows), context);
  const { stats } = analyze(
    {
      cases: normalized.tables.of(casesTable)!,
      published: [],
      inputs: [{ role: 'cases', file: 'cases.csv', sha256: 'x' }],
    },
    context,
  );

  it('gives S = 0.75 then 0.375, as R survfit on the same patients', () => {
    // R: survfit(Surv(c(12, 12, 30.4375, 60.875) / 30.4375, c(1, 0, 1, 0)) ~ 1)$surv  →  0.75 0.375 0.375
    expect(
      stats.survival!.overall.table.map((r) => [r.time, r.n_risk, r.n_event, r.n_censor, r.survival]),
    ).toEqual([
      [12 / 30.4375, 4, 1, 1, 0.75],
      [1, 2, 1, 0, 0.375],
      [2, 1, 0, 1, 0.375],
    ]);
  });
});

describe('analysisSteps', () => {
  const context = adrenalContext();
  const input = () => ({
    cases: normalize(extracted(ROWS), context).tables.of(casesTable)!,
    published: [],
    inputs: [{ role: 'cases', file: 'cases.csv', sha256: 'x' }],
  });

  it('yields each configured analysis as it is computed, in list order, then returns what analyze does', () => {
    const steps = analysisSteps(input(), context);
    const yielded: string[] = [];
    let step = steps.next();
    for (; !step.done; step = steps.next()) {
      // Each step's input already holds the results of the analyses before it, and its own.
      expect(step.value.read.results.of(step.value.analysis)).toBe(step.value.result);
      yielded.push(step.value.analysis.id);
    }
    const listed = ANALYSES.map((a) => a.id);
    expect(yielded).toEqual(listed.filter((id) => id in step.value!.stats));
    // The adrenal cohort configures survival and the comparisons; no flow.csv in this input.
    expect(yielded).toEqual(expect.arrayContaining(['statistics', 'survival', 'tests']));
    expect(yielded).not.toContain('flow');
    expect(String(step.value.files[0]!.content)).toBe(String(analyze(input(), context).files[0]!.content));
  });
});
