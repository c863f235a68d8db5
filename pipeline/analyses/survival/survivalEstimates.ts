import {
  kaplanMeierOfColumns,
  medianSurvival,
  numberAtRiskOfColumns,
  survivalAt,
  type KaplanMeierStep,
  type SurvivalColumns,
} from '../../stats/kaplanMeier.ts';
import { ascendingOrder } from '../../stats/ascendingOrder.ts';
import { logRankOfColumns } from '../../stats/logRank.ts';
import { mergedTimesAcross } from '../../stats/mergeTiedTimes.ts';
import type { CaseTable } from '../../types.ts';
import type { SurvivalSpec } from './survivalSpec.ts';
import { codeCounts, type ExclusionReasons } from './codeCounts.ts';
import { levelRows } from './levelRows.ts';

export { levelRows, type LevelRows } from './levelRows.ts';
export { codeCounts, type ExclusionReasons } from './codeCounts.ts';
import { caseView, caseViews, type CaseViews } from '../../conditions/caseViews.ts';
import { ANSWER_TRUE } from '../../conditions/conditionAnswers.ts';

export interface SurvivalCurve {
  n: number;
  events: number;
  censored: number;
  /** Patients of this curve's group left out because their outcome or time is not reported. */
  excluded: number;
  excluded_reasons: ExclusionReasons;
  median: { estimate: number | null; ci95: [number | null, number | null] };
  /** S(t) at the requested times; null past the last follow-up, where the curve says nothing. */
  at: Record<string, { survival: number; ci95: [number, number] } | null>;
  table: KaplanMeierStep[];
  risk_table: Array<{ time: number; n_risk: number }>;
}

export interface SurvivalGroupingResult {
  label: string;
  levels: Array<{ id: string; label: string }>;
  /** Patients with an outcome and a time in each level (the curves' n), by level id. */
  patients: Record<string, number>;
  /** Null when the comparison is withheld. */
  curves: Record<string, SurvivalCurve> | null;
  /**
   * Included patients in no level, so in no curve: the grouping's variable is not reported, or its value
   * matches none of the levels. With disjoint levels, Σ (curve n + curve excluded) + excluded = included.
   */
  excluded: number;
  excluded_reasons: ExclusionReasons;
  /** Null when the comparison is withheld. */
  logrank: { chisq: number; df: number; p: number } | null;
  /**
   * Why the curves and the test are not given: a level with fewer patients than the cohort's minimum
   * (analyses/survival.ts; cohort.json `minimum.survivalGroupPatients`). null: given.
   */
  withheld: string | null;
}

export interface SurvivalSection {
  time_unit: string;
  confidence: string;
  overall: SurvivalCurve;
  /**
   * Median follow-up of the overall curve's patients by the reverse Kaplan–Meier method (Schemper &
   * Smith 1996): the curve of time to censoring, deaths counted as censored (R: survfit(Surv(time,
   * 1 - dead) ~ 1), conf.type "log-log"); unlike the median of all follow-up times, a death early on
   * does not shorten it. Its interval as the median survival's.
   */
  median_followup: { estimate: number | null; ci95: [number | null, number | null] };
  groups: Record<string, SurvivalGroupingResult>;
}

/**
 * What the median's interval is. It is not Brookmeyer & Crowley's (1982) test-based interval: it is the
 * inversion of the pointwise intervals that R's print.survfit reports.
 */
export const SURVIVAL_CONFIDENCE =
  '95% pointwise, log-log scale (Greenwood variance); median CI: where the pointwise log-log limits cross 0.5, as R survfit (conf.type = "log-log")';

/** Why an included patient is in no curve, in the words of stats.json (indexes of ReasonCounts). */
const OUTCOME_NOT_REPORTED = 0;
const DIED_WITHOUT_TIME = 1;
const ALIVE_WITHOUT_TIME = 2;
export const OBSERVATION_REASONS = [
  'outcome not reported',
  'died, but no follow-up time reported',
  'alive, but no follow-up time reported',
];

/** A row's status with an outcome and a time: an observation in the curves and models. */
const OBSERVED_DEATH = 3;
const OBSERVED_CENSORED = 4;

/** The run's view behind observationStatus() below: computed once per run and argument (conditions/caseViews.ts). */
const OBSERVATION_STATUS_VIEW = caseView(
  'observationStatus',
  (views: CaseViews, { cases, spec }: { cases: CaseTable; spec: SurvivalSpec }) => {
    const died = views.answers(spec.event);
    const censoredAt = views.answers(spec.censored);
    const timeColumn = cases.columns[spec.time];
    const reported = timeColumn?.kind === 'number' ? timeColumn.reported : new Uint8Array(cases.n);
    const status = new Int8Array(cases.n);
    for (let i = 0; i < cases.n; i++) {
      const dead = died[i] === ANSWER_TRUE;
      const censored = !dead && censoredAt[i] === ANSWER_TRUE;
      status[i] =
        !dead && !censored
          ? OUTCOME_NOT_REPORTED
          : reported[i] !== 1
            ? dead
              ? DIED_WITHOUT_TIME
              : ALIVE_WITHOUT_TIME
            : dead
              ? OBSERVED_DEATH
              : OBSERVED_CENSORED;
    }
    return status;
  },
  ({ spec }) => JSON.stringify([spec.event, spec.censored, spec.time]),
);

/**
 * Each row's status for the curves and models, kept in the run's views: OBSERVED_DEATH or
 * OBSERVED_CENSORED with a time, otherwise why it is left out (an index of OBSERVATION_REASONS). Every
 * curve and Cox model then reads one byte per patient instead of two conditions and a time.
 */
export function observationStatus(cases: CaseTable, spec: SurvivalSpec, views: CaseViews): Int8Array {
  return views.of(OBSERVATION_STATUS_VIEW, { cases, spec });
}

/** Does a row of this observationStatus have an outcome and a time? */
export const isObserved = (status: number) => status === OBSERVED_DEATH || status === OBSERVED_CENSORED;

/** The number of observation statuses (codes 0 … OBSERVATION_STATUSES - 1), for codeCounts. */
export const OBSERVATION_STATUSES = OBSERVED_CENSORED + 1;

/** The included patients of `rows` left out of the curves, by reason in the order first met. */
export function observationExclusions(
  cases: CaseTable,
  spec: SurvivalSpec,
  rows: ArrayLike<number>,
  views: CaseViews,
): ExclusionReasons {
  const { counts, order } = codeCounts(observationStatus(cases, spec, views), rows, OBSERVED_CENSORED + 1);
  return order.filter((s) => !isObserved(s)).map((s) => ({ reason: OBSERVATION_REASONS[s]!, n: counts[s]! }));
}

/**
 * Patients (rows) with a known status and time as observations, in columns (times, events and the row
 * of each in typed arrays; the rest counted by reason), for the curves, the tests
 * and the Cox models at 10^6 patients without an object per patient. The event and censoring
 * conditions are read from the run's views (their answers are worked out once for every curve and model).
 */
export function observationColumns(
  cases: CaseTable,
  spec: SurvivalSpec,
  rows: ArrayLike<number>,
  views: CaseViews = caseViews(cases),
): { columns: SurvivalColumns; rows: Uint32Array; excluded: ExclusionReasons } {
  const status = observationStatus(cases, spec, views);
  const timeColumn = cases.columns[spec.time];
  const times = timeColumn?.kind === 'number' ? timeColumn.values : new Float64Array(cases.n);
  let n = 0;
  for (let k = 0; k < rows.length; k++) {
    const s = status[rows[k]!];
    if (s === OBSERVED_DEATH || s === OBSERVED_CENSORED) n++;
  }
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  const kept = new Uint32Array(n);
  for (let k = 0, m = 0; k < rows.length; k++) {
    const i = rows[k]!;
    const s = status[i];
    if (s !== OBSERVED_DEATH && s !== OBSERVED_CENSORED) continue;
    time[m] = times[i]!;
    event[m] = s === OBSERVED_DEATH ? 1 : 0;
    kept[m++] = i;
  }
  return { columns: { time, event }, rows: kept, excluded: observationExclusions(cases, spec, rows, views) };
}

/** Observations with the rows they come from and the included patients left out, by reason. */
export interface Observations {
  columns: SurvivalColumns;
  rows: Uint32Array;
  excluded: ExclusionReasons;
}

/** The run's view behind observationsByTime() below: computed once per run and argument (conditions/caseViews.ts). */
const OBSERVATIONS_BY_TIME_VIEW = caseView(
  'observationsByTime',
  (views: CaseViews, { cases, spec }: { cases: CaseTable; spec: SurvivalSpec }) => {
    const everyone = observationColumns(cases, spec, views.includedRows(), views);
    const { time, event } = everyone.columns;
    const order = ascendingOrder(time);
    const sorted = {
      columns: { time: new Float64Array(order.length), event: new Uint8Array(order.length) },
      rows: new Uint32Array(order.length),
      excluded: everyone.excluded,
    };
    for (let p = 0; p < order.length; p++) {
      const k = order[p]!;
      sorted.columns.time[p] = time[k]!;
      sorted.columns.event[p] = event[k]!;
      sorted.rows[p] = everyone.rows[k]!;
    }
    return sorted;
  },
  ({ spec }) => JSON.stringify([spec.event, spec.censored, spec.time]),
);

/**
 * observationColumns of all included patients, in ascending time (equal times in row order, as a
 * stable sort gives them); the reasons counted in row order as always. Kept in the run's views: the
 * curves take their observations from it in time order (observationsAmong), so none of the sorts of
 * the curves, risk tables and tests has anything left to sort, and the Cox models take their time order
 * from it (one sort of 10^6 times instead of about fifteen).
 */
export function observationsByTime(cases: CaseTable, spec: SurvivalSpec, views: CaseViews): Observations {
  return views.of(OBSERVATIONS_BY_TIME_VIEW, { cases, spec });
}

/**
 * The observations of `rows` (any subset of the included rows) in the order of `byTime`: what
 * observationColumns gives for them, in ascending time.
 */
export function observationsAmong(byTime: Observations, rows: ArrayLike<number>, n: number): SurvivalColumns {
  const member = new Uint8Array(n);
  for (let k = 0; k < rows.length; k++) member[rows[k]!] = 1;
  let count = 0;
  for (let k = 0; k < byTime.rows.length; k++) count += member[byTime.rows[k]!]!;
  const time = new Float64Array(count);
  const event = new Uint8Array(count);
  for (let k = 0, m = 0; k < byTime.rows.length; k++) {
    if (member[byTime.rows[k]!] === 0) continue;
    time[m] = byTime.columns.time[k]!;
    event[m++] = byTime.columns.event[k]!;
  }
  return { time, event };
}

/**
 * Near-equal times merged over all curves of a grouping together, as survfit merges over all strata
 * (and survdiff over all groups) before it splits them. The curves, risk tables and test are then computed
 * from these without merging again (timefix: false).
 */
function mergeTimesAcross(groups: readonly SurvivalColumns[]): SurvivalColumns[] {
  const merged = mergedTimesAcross(groups.map((g) => g.time));
  return groups.map((group, k) => ({ time: merged[k]!, event: group.event }));
}

/** One curve from observations whose near-equal times are already merged (mergeTimesAcross). */
function curve(columns: SurvivalColumns, excluded: ExclusionReasons, spec: SurvivalSpec): SurvivalCurve {
  const fit = kaplanMeierOfColumns(columns, { scale: 'log-log', timefix: false });
  const at: SurvivalCurve['at'] = {};
  let lastTime = -Infinity;
  for (let i = 0; i < columns.time.length; i++) lastTime = Math.max(lastTime, columns.time[i]!);
  for (const t of spec.at) at[String(t)] = t <= lastTime ? survivalAt(fit, t) : null;
  return {
    n: fit.n,
    events: fit.events,
    censored: fit.censored,
    excluded: excluded.reduce((s, e) => s + e.n, 0),
    excluded_reasons: excluded,
    median: medianSurvival(fit),
    at,
    table: fit.table,
    risk_table: numberAtRiskOfColumns(columns, spec.riskTimes, { timefix: false }),
  };
}

/** Kaplan–Meier overall and per grouping, with a log-rank test per grouping. */
export function survivalAnalysis(
  cases: CaseTable,
  spec: SurvivalSpec,
  timeUnit: string,
  views: CaseViews = caseViews(cases),
): SurvivalSection {
  const everyone = observationsByTime(cases, spec, views);
  const groups: SurvivalSection['groups'] = {};
  for (const grouping of spec.groupings) {
    const members = levelRows(cases, grouping, views);
    const excluded = members.rows.map((rows) => observationExclusions(cases, spec, rows, views));
    const levelColumns = mergeTimesAcross(
      members.rows.map((rows) => observationsAmong(everyone, rows, cases.n)),
    );
    const curves: Record<string, SurvivalCurve> = {};
    grouping.levels.forEach((level, l) => {
      curves[level.id] = curve(levelColumns[l]!, excluded[l]!, spec);
    });
    groups[grouping.id] = {
      label: grouping.label,
      levels: grouping.levels.map((l) => ({ id: l.id, label: l.label })),
      patients: Object.fromEntries(grouping.levels.map((l) => [l.id, curves[l.id]!.n])),
      curves,
      excluded: members.excluded,
      excluded_reasons: members.excludedReasons,
      logrank: logRankOfColumns(levelColumns, { timefix: false }),
      withheld: null,
    };
  }
  const overall = mergeTimesAcross([everyone.columns])[0]!;
  return {
    time_unit: timeUnit,
    confidence: SURVIVAL_CONFIDENCE,
    overall: curve(overall, everyone.excluded, spec),
    median_followup: reverseKaplanMeierMedian(overall),
    groups,
  };
}

/** The median of the reverse Kaplan–Meier curve: censoring as the event, deaths as censored. */
export function reverseKaplanMeierMedian(columns: SurvivalColumns): SurvivalSection['median_followup'] {
  const censoring = new Uint8Array(columns.event.length);
  for (let i = 0; i < censoring.length; i++) censoring[i] = 1 - columns.event[i]!;
  return medianSurvival(
    kaplanMeierOfColumns({ time: columns.time, event: censoring }, { scale: 'log-log', timefix: false }),
  );
}
