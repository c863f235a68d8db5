import { cumulativeSpec } from '../charts/cumulativeSpec.ts';
import { sourceYear } from '../cohortTables/sourceYear.ts';
import { restrictCases } from '../conditions/restrictCases.ts';
import { html } from '../report/escapeHtml.ts';
import { figureBlock } from '../report/figureBlock.ts';
import { statisticEntries } from '../summaries/proportions.ts';
import { defineAnalysis } from './analysis.ts';

export interface CumulativePoint {
  year: number;
  /** Included patients published up to and including this year. */
  n: number;
  numerator: number;
  denominator: number;
  percent: number | null;
  ci95: [number, number] | null;
}

export interface CumulativeEntry {
  statistic: string;
  label: string;
  denominator_kind: 'all' | 'reported';
  points: CumulativePoint[];
  /** Included patients whose source gives no year: counted here, in no point. */
  undated: { n: number; source_ids: string[] };
}

/** The estimate and its Wilson 95 % CI after each publication year's patients are added. */
export const cumulativeAnalysis = defineAnalysis<CumulativeEntry[]>({
  id: 'cumulative',
  title: 'Cumulative evidence by publication year',
  nav: 'Cumulative',
  compute: (input, context) => {
    const spec = context.config.cumulative;
    if (!spec) return null;
    const { cases } = input;
    const years = new Map(input.sources.map((s) => [s.id, sourceYear(s)]));
    const yearOfRow = (i: number) => years.get(cases.sourceIds[i]!) ?? null;
    const undatedSources = new Set<string>();
    let undated = 0;
    const dated = new Set<number>();
    for (let i = 0; i < cases.n; i++) {
      if (!cases.included[i]) continue;
      const y = yearOfRow(i);
      if (y === null) {
        undated++;
        undatedSources.add(cases.sourceIds[i]!);
      } else dated.add(y);
    }
    const steps = [...dated].sort((a, b) => a - b);
    return spec.statistics.flatMap((id) => {
      const statistic = context.config.statistics.find((s) => s.id === id)!;
      const counts = steps.map((year) => {
        const upTo = restrictCases(cases, (i) => {
          const y = yearOfRow(i);
          return y !== null && y <= year;
        });
        const [all, reported] = statisticEntries(upTo, [statistic], 0, input.views.forTable(upTo));
        return { year, n: upTo.included.filter(Boolean).length, entries: { all: all!, reported: reported! } };
      });
      return (['all', 'reported'] as const).map((kind) => ({
        statistic: id,
        label: statistic.label,
        denominator_kind: kind,
        points: counts.map(({ year, n, entries }) => {
          const e = entries[kind];
          return {
            year,
            n,
            numerator: e.numerator,
            denominator: e.denominator,
            percent: e.percent,
            ci95: e.denominator === 0 ? null : e.ci95.wilson,
          };
        }),
        undated: { n: undated, source_ids: [...undatedSources].sort() },
      }));
    });
  },
  figures: (result, _context, { width }) => {
    const ids = [...new Set(result.map((e) => e.statistic))];
    return ids.map((id) => {
      const entries = result.filter((e) => e.statistic === id);
      const undated = entries[0]!.undated;
      return {
        id: `cumulative-${id}`,
        title: `Cumulative: ${entries[0]!.label}`,
        caption:
          `${entries[0]!.label}, estimate and Wilson 95% band after each publication year, over all included and over reported patients; n under the axis is the number of patients published by then.` +
          (undated.n > 0
            ? ` ${undated.n} patients from sources without a year are in no point (${undated.source_ids.join(', ')}).`
            : ''),
        spec: cumulativeSpec(entries[0]!.label, entries, width),
      };
    });
  },
  section: (result, figures) => {
    const undated = result[0]?.undated ?? { n: 0, source_ids: [] };
    return html`<p>
        How each estimate moved as reports accumulated, one point per publication year (the year in the
        sources table). A point on few patients has a wide band: read the band, not the line.
        ${
          undated.n > 0
            ? html`${undated.n} included patients come from sources without a year and are in no point:
              ${undated.source_ids.join(', ')}.`
            : html``
        }
      </p>
      <div class="panels">${figures.map(figureBlock)}</div>`;
  },
});
