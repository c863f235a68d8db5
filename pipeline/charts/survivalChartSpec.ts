import type { SurvivalCurve } from '../engine/survivalAnalysis.ts';
import { chartConfig, COLORS } from './theme.ts';

export interface LabelledCurve {
  label: string;
  curve: SurvivalCurve;
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
 * Kaplan–Meier chart: step line, shaded 95% band, a tick at every censored time, y 0–1, x in the
 * time unit, and the number-at-risk table under it on the same x scale.
 */
export function survivalChartSpec(
  curves: readonly LabelledCurve[],
  options: { title: string; subtitle: string[]; riskTimes: readonly number[]; timeUnit: string },
): Record<string, unknown> {
  // One point per distinct time, never per patient: the spec stays small at any n.
  const maxObserved = curves.reduce((m, c) => Math.max(m, c.curve.table.at(-1)?.time ?? 0), 0);
  const maxTime = Math.max(
    maxObserved,
    ...options.riskTimes.filter((t) => t <= maxObserved * 1.25 || t === 0),
  );
  const domain = [0, Math.max(1, maxTime)];
  const labels = curves.map((c) => c.label);
  const colour = {
    field: 'group',
    type: 'nominal',
    scale: { domain: labels, range: COLORS.curves.slice(0, labels.length) },
    legend: curves.length > 1 ? { orient: 'top', title: null } : null,
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
    c.curve.risk_table
      .filter((r) => r.time <= domain[1]!)
      .map((r) => ({ group: c.label, rank, time: r.time, n_risk: r.n_risk })),
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: options.title, subtitle: options.subtitle },
    config: chartConfig,
    vconcat: [
      {
        width: 460,
        height: 240,
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
                axis: { values: options.riskTimes, title: `Time since diagnosis (${options.timeUnit})` },
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
        width: 460,
        height: { step: 16 },
        title: { text: 'Number at risk', fontSize: 11, anchor: 'start' },
        data: { values: risk },
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          x: { ...x, axis: null },
          y: {
            field: 'group',
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
