import type { KaplanMeierStep } from '../stats/kaplanMeier.ts';
import type { FigureWidth } from './printSize.ts';
import { chartConfig, COLORS } from './theme.ts';
import { wrappedLines } from './wrappedLabels.ts';

/**
 * What the chart reads of a Kaplan–Meier curve (the survival analysis's curves have it): declared
 * here, so a spec builder imports nothing from the analyses.
 */
export interface CurveSteps {
  table: readonly KaplanMeierStep[];
  risk_table: ReadonlyArray<{ time: number; n_risk: number }>;
}

export interface LabelledCurve {
  /** Legend text, e.g. "Surgery (n = 7, 1 death)". */
  label: string;
  /** Row label of the number-at-risk table (default: the legend text). */
  rowLabel?: string;
  curve: CurveSteps;
}

/** The step points of a curve, starting at S(0) = 1, with the confidence band. */
function steps(c: LabelledCurve) {
  const points = [{ group: c.label, time: 0, survival: 1, lo: 1, hi: 1 }];
  for (const row of c.curve.table) {
    const [lo, hi] = row.ci95;
    points.push({
      group: c.label,
      time: row.time,
      survival: row.survival,
      lo: Number.isFinite(lo) ? lo : row.survival,
      hi: Number.isFinite(hi) ? hi : row.survival,
    });
  }
  return points;
}

/**
 * Axis ticks and number-at-risk times: the cohort's `riskTimes` up to the longest follow-up, continued
 * at the step of their last interval when they stop short of it, so the axis and the risk row cover
 * the whole follow-up (a curve running to 84 months is never labelled only to 36).
 */
export function timeTicks(riskTimes: readonly number[], maxObserved: number): number[] {
  const sorted = [...new Set([0, ...riskTimes])].sort((a, b) => a - b);
  const ticks = sorted.filter((t, i) => t <= maxObserved || sorted[i - 1]! < maxObserved);
  const last = ticks.at(-1)!;
  if (last >= maxObserved) return ticks;
  const step = ticks.length > 1 ? last - ticks.at(-2)! : niceStep(maxObserved);
  for (let t = last + step; ; t += step) {
    ticks.push(t);
    if (t >= maxObserved) return ticks;
  }
}

/** A round step giving about five intervals up to `max` (1, 2, 5 × 10^k). */
function niceStep(max: number): number {
  const raw = Math.max(max, 1) / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
}

/**
 * The ticks that keep at least `minGap` pixels from the one before, from the left (time 0 always
 * stays): on a narrow plot, 0 and 6 months would print their labels and risk counts on top of each other.
 */
export function spacedTicks(ticks: readonly number[], pxPerUnit: number, minGap: number): number[] {
  const kept: number[] = [];
  for (const t of ticks) if (!kept.length || (t - kept.at(-1)!) * pxPerUnit >= minGap) kept.push(t);
  return kept;
}

/** Plot size and title width per journal column; one column also spaces its ticks ≥ 24 px apart. */
const LAYOUT = {
  double: { plotWidth: 400, plotHeight: 240, textWidth: Infinity, minTickGap: 0 },
  single: { plotWidth: 250, plotHeight: 180, textWidth: 300, minTickGap: 24 },
} as const;

/**
 * Number at risk just before `time` (followed up to `time` or longer), as R's summary(survfit, times)
 * gives it: the cohort's own risk table where it has the time, else read off the curve's table.
 */
export function numberAtRiskAt(curve: CurveSteps, time: number): number {
  const given = curve.risk_table.find((r) => r.time === time);
  if (given) return given.n_risk;
  const next = curve.table.find((row) => row.time >= time);
  return next ? next.n_risk : 0;
}

/**
 * Kaplan–Meier chart: step line, shaded 95% band, a tick at every censored time, y 0–1, x in the
 * time unit, and the number-at-risk table under it on the same x scale.
 */
export function survivalChartSpec(
  curves: readonly LabelledCurve[],
  options: {
    title: string;
    subtitle: string[];
    riskTimes: readonly number[];
    timeUnit: string;
    /** The journal column it is laid out for (default double). */
    width?: FigureWidth;
  },
): Record<string, unknown> {
  const layout = LAYOUT[options.width ?? 'double'];
  // One point per distinct time, never per patient: the spec stays small at any n.
  const maxObserved = curves.reduce((m, c) => Math.max(m, c.curve.table.at(-1)?.time ?? 0), 0);
  const allTicks = timeTicks(options.riskTimes, maxObserved);
  const domain = [0, Math.max(1, allTicks.at(-1) ?? 0, maxObserved)];
  const ticks = spacedTicks(allTicks, layout.plotWidth / domain[1]!, layout.minTickGap);
  const labels = curves.map((c) => c.label);
  const colour = {
    field: 'group',
    type: 'nominal',
    scale: { domain: labels, range: COLORS.curves.slice(0, labels.length) },
    // One entry per line: long group labels side by side would set the figure's width.
    legend: curves.length > 1 ? { orient: 'top', title: null, direction: 'vertical' } : null,
  };
  const x = { field: 'time', type: 'quantitative', scale: { domain, nice: false, padding: 10 } };
  const censored = curves.flatMap((c) =>
    c.curve.table
      .filter((row) => row.n_censor > 0)
      .map((row) => ({
        group: c.label,
        time: row.time,
        survival: row.survival,
        description: `${c.label}: ${row.n_censor} censored (alive at last follow-up) at ${row.time.toFixed(1)} ${options.timeUnit}`,
      })),
  );
  // Rows in curve order by a rank in the data: a sort list of labels would become an expression string.
  const risk = curves.flatMap((c, rank) =>
    ticks.map((time) => ({
      group: c.label,
      row: c.rowLabel ?? c.label,
      rank,
      time,
      n_risk: numberAtRiskAt(c.curve, time),
    })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: wrappedLines(options.title, layout.textWidth, chartConfig.title.fontSize, true),
      subtitle: wrappedLines(options.subtitle, layout.textWidth, chartConfig.title.subtitleFontSize),
    },
    config: chartConfig,
    vconcat: [
      {
        width: layout.plotWidth,
        height: layout.plotHeight,
        layer: [
          {
            data: { values: curves.flatMap(steps) },
            mark: { type: 'area', interpolate: 'step-after', opacity: 0.18 },
            encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' }, color: colour },
          },
          {
            data: { values: curves.flatMap(steps) },
            mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
            encoding: {
              x: {
                ...x,
                axis: { values: ticks, title: `Time since diagnosis (${options.timeUnit})` },
              },
              y: {
                field: 'survival',
                type: 'quantitative',
                scale: { domain: [0, 1] },
                axis: { format: '.0%', title: 'Overall survival' },
              },
              color: colour,
            },
          },
          {
            data: { values: censored },
            mark: { type: 'tick', orient: 'vertical', size: 9, thickness: 1.5 },
            encoding: {
              x,
              y: { field: 'survival', type: 'quantitative' },
              color: colour,
              description: { field: 'description' },
            },
          },
        ],
      },
      {
        width: layout.plotWidth,
        height: { step: 16 },
        title: { text: 'Number at risk', fontSize: 11, anchor: 'start' },
        data: { values: risk },
        mark: { type: 'text', fontSize: chartConfig.text.fontSize },
        encoding: {
          x: { ...x, axis: null },
          y: {
            field: 'row',
            type: 'nominal',
            sort: { field: 'rank', op: 'min' },
            title: null,
            // Padding keeps the count at time 0 clear of the row label.
            axis: { domain: false, ticks: false, labelPadding: 14 },
          },
          text: { field: 'n_risk' },
          color: { ...colour, legend: null },
        },
      },
    ],
    resolve: { scale: { x: 'shared' }, legend: { color: 'independent' } },
  };
}
