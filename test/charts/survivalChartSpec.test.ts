import { describe, expect, it } from 'vitest';
import type { SurvivalCurve } from '../../pipeline/summaries/survivalAnalysis.ts';
import { kaplanMeier, numberAtRisk } from '../../pipeline/stats/kaplanMeier.ts';
import { numberAtRiskAt, survivalChartSpec, timeTicks } from '../../pipeline/charts/survivalChartSpec.ts';

// Synthetic follow-up (months) and deaths, running to 84 months.
const times = [3, 8, 8, 14, 20, 31, 52, 84];
const deaths = [1, 0, 1, 0, 1, 0, 0, 1];
const obs = times.map((time, i) => ({ time, event: deaths[i] === 1 }));

/** A curve as the engine gives it, with its risk table only at the cohort's riskTimes (to 36). */
function curve(riskTimes: number[]): SurvivalCurve {
  const fit = kaplanMeier(obs);
  return {
    n: obs.length,
    events: 4,
    censored: 4,
    excluded: 0,
    excluded_reasons: [],
    median: { estimate: null, ci95: [null, null] },
    at: {},
    table: fit.table,
    risk_table: numberAtRisk(obs, riskTimes, { timefix: false }),
  };
}

describe('timeTicks', () => {
  it('continues riskTimes at their last step up to the longest follow-up', () => {
    expect(timeTicks([0, 6, 12, 24, 36], 84)).toEqual([0, 6, 12, 24, 36, 48, 60, 72, 84]);
    expect(timeTicks([0, 6, 12, 24, 36, 48], 53)).toEqual([0, 6, 12, 24, 36, 48, 60]);
  });

  it('keeps riskTimes that already cover the follow-up, dropping those far beyond it', () => {
    expect(timeTicks([0, 6, 12, 24, 36, 48], 10)).toEqual([0, 6, 12]);
    expect(timeTicks([0, 12, 24], 24)).toEqual([0, 12, 24]);
  });

  it('makes round ticks when riskTimes give no step', () => {
    expect(timeTicks([], 84)).toEqual([0, 20, 40, 60, 80, 100]);
  });
});

describe('numberAtRiskAt', () => {
  it('gives the number at risk at every tick, past the cohort risk table, as R does', () => {
    // R 4.2.2, survival 3.5.3:
    //   t <- c(3, 8, 8, 14, 20, 31, 52, 84); s <- c(1, 0, 1, 0, 1, 0, 0, 1)
    //   summary(survfit(Surv(t, s) ~ 1), times = c(0, 6, 12, 24, 36, 48, 60, 72, 84), extend = TRUE)$n.risk
    //   [1] 8 7 5 3 2 2 1 1 1
    const c = curve([0, 6, 12, 24, 36]);
    expect([0, 6, 12, 24, 36, 48, 60, 72, 84].map((t) => numberAtRiskAt(c, t))).toEqual([
      8, 7, 5, 3, 2, 2, 1, 1, 1,
    ]);
    expect(numberAtRiskAt(c, 96)).toBe(0);
  });
});

describe('survivalChartSpec', () => {
  it('labels the axis and the number-at-risk row to the end of follow-up, not to the last riskTime', () => {
    const spec = survivalChartSpec([{ label: 'All (synthetic)', curve: curve([0, 6, 12, 24, 36]) }], {
      title: 't',
      subtitle: [],
      riskTimes: [0, 6, 12, 24, 36],
      timeUnit: 'months',
    }) as { vconcat: Array<Record<string, unknown>> };
    const json = JSON.stringify(spec);
    expect(json).toContain('"values":[0,6,12,24,36,48,60,72,84]');
    const risk = (spec.vconcat[1]!.data as { values: Array<{ time: number; n_risk: number }> }).values;
    expect(risk.map((r) => r.time)).toEqual([0, 6, 12, 24, 36, 48, 60, 72, 84]);
    expect(risk.at(-1)!.n_risk).toBe(1);
  });
});
