import {
  kaplanMeierOfColumns,
  medianSurvival,
  numberAtRiskOfColumns,
  survivalAt,
  type KaplanMeierStep,
  type SurvivalColumns,
} from '../stats/kaplanMeier.ts';
import { logRankOfColumns } from '../stats/logRank.ts';
import { mergedTimesAcross } from '../stats/mergeTiedTimes.ts';
import type { CaseTable, GroupingSpec, SurvivalSpec } from '../types.ts';
import { rowCondition } from '../conditions/rowCondition.ts';
import { numberReader } from '../values/columns.ts';

/** How many included patients were left out, and why. */
export type ExclusionReasons = Array<{ reason: string; n: number }>;

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
  curves: Record<string, SurvivalCurve>;
  /**
   * Included patients in no level, so in no curve: the grouping's variable is not reported, or its value
   * matches none of the levels. With disjoint levels, Σ (curve n + curve excluded) + excluded = included.
   */
  excluded: number;
  excluded_reasons: ExclusionReasons;
  logrank: { chisq: number; df: number; p: number };
}

export interface SurvivalSection {
  time_unit: string;
  confidence: string;
  overall: SurvivalCurve;
  groups: Record<string, SurvivalGroupingResult>;
}

/**
 * What the median's interval is. It is not Brookmeyer & Crowley's (1982) test-based interval: it is the
 * inversion of the pointwise intervals that R's print.survfit reports.
 */
export const SURVIVAL_CONFIDENCE =
  '95% pointwise, log-log scale (Greenwood variance); median CI: where the pointwise log-log limits cross 0.5, as R survfit (conf.type = "log-log")';

/** Counts of reasons, in the order they are first met. */
function reasonCounter() {
  const counts = new Map<string, number>();
  return {
    add: (reason: string) => counts.set(reason, (counts.get(reason) ?? 0) + 1),
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    list: (): ExclusionReasons => [...counts].map(([reason, n]) => ({ reason, n })),
  };
}

/**
 * Patients (rows) with a known status and time as observations, in columns (times, events and the row
 * of each in typed arrays; the rest counted by reason), for the curves, the tests
 * and the Cox models at 10^6 patients without an object per patient.
 */
export function observationColumns(
  cases: CaseTable,
  spec: SurvivalSpec,
  rows: ArrayLike<number>,
): { columns: SurvivalColumns; rows: Uint32Array; excluded: ExclusionReasons } {
  const time = new Float64Array(rows.length);
  const event = new Uint8Array(rows.length);
  const kept = new Uint32Array(rows.length);
  const reasons = reasonCounter();
  const died = rowCondition(spec.event, cases.columns);
  const censoredAt = rowCondition(spec.censored, cases.columns);
  const timeOf = numberReader(cases.columns[spec.time]);
  let n = 0;
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k]!;
    const dead = died(i) === true;
    const censored = !dead && censoredAt(i) === true;
    const t = timeOf(i);
    if (!dead && !censored) reasons.add('outcome not reported');
    else if (t === null)
      reasons.add(dead ? 'died, but no follow-up time reported' : 'alive, but no follow-up time reported');
    else {
      time[n] = t;
      event[n] = dead ? 1 : 0;
      kept[n++] = i;
    }
  }
  return {
    columns: { time: time.subarray(0, n), event: event.subarray(0, n) },
    rows: kept.subarray(0, n),
    excluded: reasons.list(),
  };
}

/**
 * The included rows of each level of a grouping, and the included rows in no level by reason: "not
 * reported" when some level's condition cannot be decided (a value it reads is not reported), "matches no
 * level" when every level's condition is false.
 */
export function levelRows(cases: CaseTable, grouping: GroupingSpec) {
  const rows = grouping.levels.map(() => [] as number[]);
  const left = reasonCounter();
  const conditions = grouping.levels.map((level) => rowCondition(level.when, cases.columns));
  for (let i = 0; i < cases.n; i++) {
    if (!cases.included[i]) continue;
    let matched = false;
    let undecided = false;
    conditions.forEach((condition, l) => {
      const holds = condition(i);
      if (holds === true) {
        rows[l]!.push(i);
        matched = true;
      } else if (holds === null) undecided = true;
    });
    if (matched) continue;
    left.add(undecided ? `${grouping.label} not reported` : `${grouping.label} matches no level`);
  }
  return { rows, excluded: left.total(), excludedReasons: left.list() };
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
  for (const t of columns.time) lastTime = Math.max(lastTime, t);
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
export function survivalAnalysis(cases: CaseTable, spec: SurvivalSpec, timeUnit: string): SurvivalSection {
  const includedRows: number[] = [];
  for (let i = 0; i < cases.n; i++) if (cases.included[i]) includedRows.push(i);
  const everyone = observationColumns(cases, spec, includedRows);
  const groups: SurvivalSection['groups'] = {};
  for (const grouping of spec.groupings) {
    const members = levelRows(cases, grouping);
    const perLevel = members.rows.map((rows) => observationColumns(cases, spec, rows));
    const levelColumns = mergeTimesAcross(perLevel.map((o) => o.columns));
    const curves: Record<string, SurvivalCurve> = {};
    grouping.levels.forEach((level, l) => {
      curves[level.id] = curve(levelColumns[l]!, perLevel[l]!.excluded, spec);
    });
    groups[grouping.id] = {
      label: grouping.label,
      levels: grouping.levels.map((l) => ({ id: l.id, label: l.label })),
      curves,
      excluded: members.excluded,
      excluded_reasons: members.excludedReasons,
      logrank: logRankOfColumns(levelColumns, { timefix: false }),
    };
  }
  return {
    time_unit: timeUnit,
    confidence: SURVIVAL_CONFIDENCE,
    overall: curve(mergeTimesAcross([everyone.columns])[0]!, everyone.excluded, spec),
    groups,
  };
}
