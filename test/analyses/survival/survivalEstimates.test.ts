import { describe, expect, it } from 'vitest';
import { caseViews } from '../../../pipeline/conditions/caseViews.ts';
import {
  codeCounts,
  levelRows,
  observationColumns,
  observationExclusions,
  observationsAmong,
  observationsByTime,
  reverseKaplanMeierMedian,
  SURVIVAL_CONFIDENCE,
  survivalAnalysis,
} from '../../../pipeline/analyses/survival/survivalEstimates.ts';
import type { CaseTable, Value } from '../../../pipeline/types.ts';
import type { SurvivalSpec } from '../../../pipeline/analyses/survival/survivalSpec.ts';
import { caseTableFromValues } from '../../helpers/caseTableFromValues.ts';

const MONTH = 30.4375;
/** 12 days and 1 week 5 days in months as the old duration parser gave them, a rounding step apart. */
const TWELVE_DAYS = 12 / MONTH;
const WEEK_AND_FIVE_DAYS = 7 / MONTH + 5 / MONTH;

/**
 * Synthetic patients: [id, included, outcome, follow-up (months), surgery, stage]. P1–P8 are the data set
 * of the R calls below (surgery yes = group a, no = group b); P9–P14 are left out of some curve.
 */
const PATIENTS: Array<[string, boolean, Value, Value, Value, Value]> = [
  ['P1', true, 'dead', TWELVE_DAYS, true, 'early'],
  ['P2', true, 'dead', 1, true, 'late'],
  ['P3', true, 'alive', 2, true, 'early'],
  ['P4', true, 'dead', 3, true, 'other'],
  ['P5', true, 'alive', WEEK_AND_FIVE_DAYS, false, 'late'],
  ['P6', true, 'dead', WEEK_AND_FIVE_DAYS, false, null],
  ['P7', true, 'dead', 1.5, false, 'early'],
  ['P8', true, 'alive', 4, false, 'late'],
  ['P9', true, 'dead', 5, null, 'early'], // surgery not reported
  ['P10', true, 'alive', 6, null, null], // surgery and stage not reported
  ['P11', true, null, 2, true, 'late'], // outcome not reported
  ['P12', true, 'dead', null, false, 'other'], // died, time not reported
  ['P13', true, 'alive', null, null, 'early'], // alive, time not reported; surgery not reported
  ['P14', false, 'dead', 0.5, true, 'early'], // excluded from the analysis
];

function caseTable(): CaseTable {
  const column = (k: number) => PATIENTS.map((p) => p[k] as Value);
  return caseTableFromValues(
    {
      file: 'cases.csv',
      columnNumbers: {},
      n: PATIENTS.length,
      caseIds: PATIENTS.map((p) => p[0]),
      sourceIds: PATIENTS.map(() => 'synthetic'),
      lines: PATIENTS.map((_, i) => i + 2),
      included: PATIENTS.map((p) => p[1]),
      exclusionReasons: PATIENTS.map((p) => (p[1] ? null : 'synthetic exclusion')),
      duplicateOf: PATIENTS.map(() => null),
    },
    { outcome: column(2), followup: column(3), surgery: column(4), stage: column(5) },
  );
}

const SPEC: SurvivalSpec = {
  time: 'followup',
  event: { variable: 'outcome', in: ['dead'] },
  censored: { variable: 'outcome', in: ['alive'] },
  at: [1, 12],
  riskTimes: [0, 1, 2],
  groupings: [
    {
      id: 'surgery',
      label: 'Surgery',
      levels: [
        { id: 'yes', label: 'Surgery', when: { variable: 'surgery', in: [true] } },
        { id: 'no', label: 'No surgery', when: { variable: 'surgery', in: [false] } },
      ],
    },
    {
      id: 'stage',
      label: 'Stage',
      levels: [
        { id: 'early', label: 'Early', when: { variable: 'stage', in: ['early'] } },
        { id: 'late', label: 'Late', when: { variable: 'stage', in: ['late'] } },
      ],
    },
  ],
};

describe('survivalAnalysis', () => {
  const cases = caseTable();
  const section = survivalAnalysis(cases, SPEC, 'months');
  const nIncluded = cases.included.filter(Boolean).length;

  it('counts every included patient overall: in the curve or left out with a reason', () => {
    const o = section.overall;
    expect(o.n + o.excluded).toBe(nIncluded);
    expect(o.excluded_reasons).toEqual([
      { reason: 'outcome not reported', n: 1 },
      { reason: 'died, but no follow-up time reported', n: 1 },
      { reason: 'alive, but no follow-up time reported', n: 1 },
    ]);
  });

  it('adds up per grouping: level sizes + left out of every level = included patients', () => {
    for (const grouping of Object.values(section.groups)) {
      const inLevels = Object.values(grouping.curves!).reduce((sum, c) => sum + c.n + c.excluded, 0);
      expect(inLevels + grouping.excluded).toBe(nIncluded);
      expect(grouping.excluded).toBe(grouping.excluded_reasons.reduce((sum, r) => sum + r.n, 0));
    }
  });

  it('says why a patient is in no level: the variable not reported, or a value of no level', () => {
    expect(section.groups.surgery!.excluded_reasons).toEqual([{ reason: 'Surgery not reported', n: 3 }]);
    expect(section.groups.stage!.excluded_reasons).toEqual([
      { reason: 'Stage matches no level', n: 2 },
      { reason: 'Stage not reported', n: 2 },
    ]);
    expect(section.groups.surgery!.curves!.yes).toMatchObject({ n: 4, excluded: 1 });
    expect(section.groups.surgery!.curves!.no).toMatchObject({ n: 4, excluded: 1 });
  });

  it('merges near-equal times over all curves of a grouping, as survfit over strata, and tests as survdiff', () => {
    // R: df <- data.frame(time = c(12/30.4375, 1, 2, 3, 7/30.4375 + 5/30.4375, 7/30.4375 + 5/30.4375, 1.5, 4),
    //      status = c(1, 1, 0, 1, 0, 1, 1, 0), group = rep(c("a", "b"), each = 4))
    //    s <- summary(survfit(Surv(time, status) ~ group, data = df, conf.type = "log-log"), censored = TRUE)
    //    a: time 0.39425051334702255 1 2 3, n.risk 4 3 2 1, surv 0.75 0.5 0.5 0
    //    b: time 0.39425051334702255 1.5 4, n.risk 4 2 1, surv 0.75 0.375 0.375
    //    summary(...)$table: median a 2.0, b 1.5; 0.95LCL 0.39425051334702255 for both; 0.95UCL NA
    //    survdiff(Surv(time, status) ~ group, data = df)$chisq  →  0.13691931540342295
    const { yes, no } = section.groups.surgery!.curves!;
    expect(yes!.table.map((r) => [r.time, r.n_risk, r.survival])).toEqual([
      [WEEK_AND_FIVE_DAYS, 4, 0.75],
      [1, 3, 0.5],
      [2, 2, 0.5],
      [3, 1, 0],
    ]);
    expect(no!.table.map((r) => [r.time, r.n_risk, r.survival])).toEqual([
      [WEEK_AND_FIVE_DAYS, 4, 0.75],
      [1.5, 2, 0.375],
      [4, 1, 0.375],
    ]);
    expect(yes!.median).toEqual({ estimate: 2, ci95: [WEEK_AND_FIVE_DAYS, null] });
    expect(no!.median).toEqual({ estimate: 1.5, ci95: [WEEK_AND_FIVE_DAYS, null] });
    expect(section.groups.surgery!.logrank!.chisq).toBeCloseTo(0.13691931540342295, 14);
    expect(section.groups.surgery!.logrank!.df).toBe(1);
  });

  it('names the median interval for what it is, not Brookmeyer–Crowley', () => {
    expect(section.confidence).toBe(SURVIVAL_CONFIDENCE);
    expect(section.confidence).toContain('pointwise log-log limits cross 0.5');
    expect(section.confidence).not.toMatch(/Brookmeyer/);
  });
});

describe('observations in time order (observationsByTime, observationsAmong)', () => {
  const cases = caseTable();
  const views = caseViews(cases);
  const byTime = observationsByTime(cases, SPEC, views);

  it('are the included patients with an outcome and a time, ascending in time, ties in row order', () => {
    const inRowOrder = observationColumns(cases, SPEC, views.includedRows(), views);
    expect([...byTime.rows].sort((a, b) => a - b)).toEqual([...inRowOrder.rows]);
    const times = [...byTime.columns.time];
    expect(times).toEqual([...times].sort((a, b) => a - b));
    // P2 (row 1) and P7 (row 6) ... ties keep row order: rows with equal times ascend.
    for (let k = 1; k < times.length; k++)
      if (times[k] === times[k - 1]) expect(byTime.rows[k]!).toBeGreaterThan(byTime.rows[k - 1]!);
    byTime.rows.forEach((row, k) => {
      expect(byTime.columns.event[k]).toBe(PATIENTS[row]![2] === 'dead' ? 1 : 0);
      expect(byTime.columns.time[k]).toBe(PATIENTS[row]![3]);
    });
    // The reasons as observationColumns counts them, in row order; kept for the run.
    expect(byTime.excluded).toEqual(inRowOrder.excluded);
    expect(observationsByTime(cases, SPEC, views)).toBe(byTime);
  });

  it('of a subset of rows are what observationColumns gives for them, sorted by time', () => {
    const subset = Uint32Array.from([0, 4, 5, 9, 10, 11]);
    const among = observationsAmong(byTime, subset, cases.n);
    const direct = observationColumns(cases, SPEC, subset, views).columns;
    const pairs = (c: { time: Float64Array; event: Uint8Array }) =>
      [...c.time].map((t, k) => [t, c.event[k]]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    expect(pairs(among)).toEqual(pairs(direct));
    expect(observationsAmong(byTime, new Uint32Array(0), cases.n).time).toHaveLength(0);
  });

  it('leave out the excluded, and say why, per subset (observationExclusions)', () => {
    expect(observationExclusions(cases, SPEC, [10, 11, 12, 13], views)).toEqual([
      { reason: 'outcome not reported', n: 1 },
      { reason: 'died, but no follow-up time reported', n: 1 },
      { reason: 'alive, but no follow-up time reported', n: 1 },
    ]);
    expect(observationExclusions(cases, SPEC, [], views)).toEqual([]);
  });

  it('give level rows kept for the run, ascending, with the rows in no level by reason', () => {
    const members = levelRows(cases, SPEC.groupings[1]!, views);
    expect(levelRows(cases, SPEC.groupings[1]!, views)).toBe(members);
    // Stage: early P1 P3 P7 P9 P13, late P2 P5 P8 P11; P14 is excluded.
    expect(members.rows.map((r) => [...r])).toEqual([
      [0, 2, 6, 8, 12],
      [1, 4, 7, 10],
    ]);
    expect(members.excludedReasons).toEqual([
      { reason: 'Stage matches no level', n: 2 },
      { reason: 'Stage not reported', n: 2 },
    ]);
    expect(members.excluded).toBe(4);
  });
});

describe('codeCounts', () => {
  it('counts each code over the rows given, the codes met in the order first met', () => {
    const codes = Int8Array.from([2, 0, 2, 1, 0, 3]);
    expect(codeCounts(codes, [0, 1, 2, 3, 4, 5], 5)).toEqual({
      counts: [2, 1, 2, 1, 0],
      order: [2, 0, 1, 3],
    });
    // Only the rows given, in their order.
    expect(codeCounts(codes, Uint32Array.from([3, 1, 4]), 5)).toEqual({
      counts: [2, 1, 0, 0, 0],
      order: [1, 0],
    });
    expect(codeCounts(codes, [], 5)).toEqual({ counts: [0, 0, 0, 0, 0], order: [] });
  });
});

describe('reverseKaplanMeierMedian: median follow-up, against R', () => {
  it('the synthetic cohort d of test/analyses/survivalFixture.ts', () => {
    // d <- data.frame(dead = c(0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1), time = c(24, 12, 36, 30, 3, 5, 8, 18, 40, 2, 48, 20))
    // summary(survfit(Surv(time, 1 - dead) ~ 1, data = d, conf.type = "log-log"))$table:
    // median 36, 0.95LCL 8, 0.95UCL NA
    const time = Float64Array.from([24, 12, 36, 30, 3, 5, 8, 18, 40, 2, 48, 20]);
    const event = Uint8Array.from([0, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1]);
    expect(reverseKaplanMeierMedian({ time, event })).toEqual({ estimate: 36, ci95: [8, null] });
  });

  it('the shipped adrenal cohort’s 9 patients with an outcome and a time (3 deaths)', () => {
    // a <- data.frame(time = c(21 / 30.4375, 6, 8, 10, 10, 12, 21, 31, 53), dead = c(1, 0, 1, 0, 0, 0, 0, 0, 1))
    // summary(survfit(Surv(time, 1 - dead) ~ 1, data = a, conf.type = "log-log"))$table:
    // median 12, 0.95LCL 6, 0.95UCL 31 (the median of the 9 follow-up times, 10, is shorter: the early deaths)
    const time = Float64Array.from([21 / MONTH, 6, 8, 10, 10, 12, 21, 31, 53]);
    const event = Uint8Array.from([1, 0, 1, 0, 0, 0, 0, 0, 1]);
    expect(reverseKaplanMeierMedian({ time, event })).toEqual({ estimate: 12, ci95: [6, 31] });
  });

  it('is the survival section’s median_followup, from the overall curve’s patients', () => {
    const section = survivalAnalysis(caseTable(), SPEC, 'months');
    const everyone = observationsByTime(caseTable(), SPEC, caseViews(caseTable()));
    expect(section.median_followup).toEqual(reverseKaplanMeierMedian(everyone.columns));
    expect(section.median_followup.estimate).not.toBeNull();
  });
});
