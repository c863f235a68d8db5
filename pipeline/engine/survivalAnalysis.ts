import {
  kaplanMeier,
  medianSurvival,
  numberAtRisk,
  survivalAt,
  type KaplanMeierStep,
  type SurvivalObservation,
} from '../stats/kaplanMeier.ts';
import { logRank } from '../stats/logRank.ts';
import type { CaseTable, Condition, SurvivalSpec } from '../types.ts';
import { evaluateCondition } from './evaluateCondition.ts';

export interface SurvivalCurve {
  n: number;
  events: number;
  censored: number;
  excluded: number;
  excluded_reasons: Array<{ reason: string; n: number }>;
  median: { estimate: number | null; ci95: [number | null, number | null] };
  /** S(t) at the requested times; null past the last follow-up, where the curve says nothing. */
  at: Record<string, { survival: number; ci95: [number, number] } | null>;
  table: KaplanMeierStep[];
  risk_table: Array<{ time: number; n_risk: number }>;
}

export interface SurvivalSection {
  time_unit: string;
  confidence: string;
  overall: SurvivalCurve;
  groups: Record<
    string,
    {
      label: string;
      levels: Array<{ id: string; label: string }>;
      curves: Record<string, SurvivalCurve>;
      logrank: { chisq: number; df: number; p: number };
    }
  >;
}

/** Patients with a known status and time become observations; the rest are counted by reason. */
function observations(cases: CaseTable, spec: SurvivalSpec, member: (i: number) => boolean) {
  const obs: SurvivalObservation[] = [];
  const reasons = new Map<string, number>();
  const skip = (reason: string) => reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  // One reader for every row (i is the current row), not a new closure per row.
  let i = 0;
  const valueOf = (v: string) => cases.values[v]?.[i] ?? null;
  for (; i < cases.n; i++) {
    if (!cases.included[i] || !member(i)) continue;
    const event = evaluateCondition(spec.event, valueOf) === true;
    const censored = !event && evaluateCondition(spec.censored, valueOf) === true;
    const time = cases.values[spec.time]![i];
    if (!event && !censored) skip('outcome not reported');
    else if (typeof time !== 'number')
      skip(event ? 'died, but no follow-up time reported' : 'alive, but no follow-up time reported');
    else obs.push({ time, event, id: cases.caseIds[i]! });
  }
  return { obs, excluded: [...reasons].map(([reason, n]) => ({ reason, n })) };
}

function curve(
  obs: SurvivalObservation[],
  excluded: SurvivalCurve['excluded_reasons'],
  spec: SurvivalSpec,
): SurvivalCurve {
  const fit = kaplanMeier(obs, { scale: 'log-log' });
  const at: SurvivalCurve['at'] = {};
  const lastTime = obs.reduce((m, o) => Math.max(m, o.time), -Infinity);
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
    risk_table: numberAtRisk(obs, spec.riskTimes),
  };
}

const holds = (cases: CaseTable, condition: Condition) => {
  let row = 0;
  const valueOf = (v: string) => cases.values[v]?.[row] ?? null;
  return (i: number) => {
    row = i;
    return evaluateCondition(condition, valueOf) === true;
  };
};

/** Kaplan–Meier overall and per grouping, with a log-rank test per grouping. */
export function survivalAnalysis(cases: CaseTable, spec: SurvivalSpec, timeUnit: string): SurvivalSection {
  const everyone = observations(cases, spec, () => true);
  const groups: SurvivalSection['groups'] = {};
  for (const grouping of spec.groupings) {
    const curves: Record<string, SurvivalCurve> = {};
    const levelObs: SurvivalObservation[][] = [];
    for (const level of grouping.levels) {
      const o = observations(cases, spec, holds(cases, level.when));
      curves[level.id] = curve(o.obs, o.excluded, spec);
      levelObs.push(o.obs);
    }
    groups[grouping.id] = {
      label: grouping.label,
      levels: grouping.levels.map((l) => ({ id: l.id, label: l.label })),
      curves,
      logrank: logRank(levelObs),
    };
  }
  return {
    time_unit: timeUnit,
    confidence:
      '95% pointwise, log-log scale (Greenwood variance); median CI as R survfit (Brookmeyer–Crowley)',
    overall: curve(everyone.obs, everyone.excluded, spec),
    groups,
  };
}
