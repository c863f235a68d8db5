import { describe, expect, it } from 'vitest';
import type { SurvivalCurve } from '../../pipeline/analyses/survival/survivalEstimates.ts';
import { kaplanMeier, numberAtRisk } from '../../pipeline/stats/kaplanMeier.ts';
import {
  numberAtRiskAt,
  spacedTicks,
  survivalChartSpec,
  timeTicks,
} from '../../pipeline/charts/survivalChartSpec.ts';
import { renderSvg } from '../../pipeline/drawing/renderChart.ts';
import { fitsOneColumn, svgTexts } from '../helpers/svgText.ts';

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

describe('spacedTicks', () => {
  it('keeps the ticks at least the gap apart, from time 0 on', () => {
    // 250 px over 84 months: 6 months is 17.9 px, 12 months 35.7 px.
    expect(spacedTicks([0, 6, 12, 24, 36, 48, 60, 72, 84], 250 / 84, 24)).toEqual([
      0, 12, 24, 36, 48, 60, 72, 84,
    ]);
    expect(spacedTicks([0, 6, 12, 24], 10, 24)).toEqual([0, 6, 12, 24]);
    expect(spacedTicks([0, 1, 2, 3, 4], 10, 24)).toEqual([0, 3]);
    expect(spacedTicks([0, 6], 1, 0)).toEqual([0, 6]);
  });
});

describe('survivalChartSpec at one column (8.5 cm)', () => {
  const options = {
    title: 'Survival by a synthetic grouping with a long name',
    subtitle: [
      'log-rank χ² = 9.05, 1 df, p = 0.003',
      '28 of 37 included left out: 8 grouping not reported; 20 outcome or time not reported',
    ],
    riskTimes: [0, 6, 12, 24, 36],
    timeUnit: 'months',
    width: 'single' as const,
  };
  const curves = [
    { label: 'Group one (n = 8, 4 deaths)', rowLabel: 'Group one', curve: curve([0, 6, 12, 24, 36]) },
    { label: 'Group two (n = 8, 4 deaths)', rowLabel: 'Group two', curve: curve([0, 6, 12, 24, 36]) },
  ];

  it('narrows the plot and the risk table to 250 px and spaces their ticks', () => {
    const spec = survivalChartSpec(curves, options) as { vconcat: Array<Record<string, unknown>> };
    expect(spec.vconcat.map((v) => v.width)).toEqual([250, 250]);
    const risk = (spec.vconcat[1]!.data as { values: Array<{ time: number; row: string }> }).values;
    expect([...new Set(risk.map((r) => r.time))]).toEqual([0, 12, 24, 36, 48, 60, 72, 84]);
    expect([...new Set(risk.map((r) => r.row))]).toEqual(['Group one', 'Group two']);
  });

  it('wraps the title and subtitle, and fits the column with no text under 10 px', async () => {
    const svg = await renderSvg(survivalChartSpec(curves, options));
    const fit = fitsOneColumn(svg);
    expect(fit.fits, `${fit.width} px wide, smallest text ${fit.smallest} px`).toBe(true);
    expect(fit.smallest).toBeGreaterThanOrEqual(10);
    // The subtitle is one text of several lines: every word drawn, the long line broken in two.
    const subtitle = svgTexts(svg).find((t) => t.text.includes('log-rank'))!;
    expect(subtitle.text).toBe(options.subtitle.join(' '));
    expect(subtitle.lines.length).toBeGreaterThan(options.subtitle.length);
    expect(svgTexts(svg).find((t) => t.text.startsWith('Survival by'))!.lines.length).toBeGreaterThan(1);
  });
});
