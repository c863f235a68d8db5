import { cumulativeSpec } from '../charts/cumulativeSpec.ts';
import { sourceYear } from '../cohortTables/sourceYear.ts';
import { answerCountsByGroup } from '../conditions/answerKernels.ts';
import { rowsPerGroup, runningTotals } from '../conditions/countByGroup.ts';
import { html } from '../report/escapeHtml.ts';
import { figureBlock } from '../report/figureBlock.ts';
import { wilsonInterval } from '../stats/wilsonInterval.ts';
import type { CaseTable, Source } from '../types.ts';
import { defineAnalysis } from './analysis.ts';
import type { CumulativePoint, CumulativeSeries } from '../charts/cumulativeSpec.ts';

export type { CumulativePoint };

/** How the evidence grew: statistics recomputed after each publication year's patients are added. */
export interface CumulativeSpec {
  statistics: string[];
}

declare module '../types.ts' {
  interface CohortConfig {
    cumulative?: CumulativeSpec;
  }
}

export interface CumulativeEntry extends CumulativeSeries {
  statistic: string;
  label: string;
  /** Included patients whose source gives no year: counted here, in no point. */
  undated: { n: number; source_ids: string[] };
}

/**
 * The publication years of the included patients, ascending, and each row's year as an index into them
 * (-1: its source gives no year), with the patients and sources that have none.
 */
function publicationYears(
  sources: readonly Source[],
  cases: CaseTable,
  included: Uint32Array,
): { steps: number[]; yearOfRow: Int32Array; undated: number; undatedSources: string[] } {
  const yearOfSource = new Map(sources.map((s) => [s.id, sourceYear(s)]));
  // The year of each row (-1: none) in one pass; rows of one source usually follow each other, so its
  // year is looked up once per run of rows, not once per row.
  const yearOfRow = new Int32Array(cases.n).fill(-1);
  const dated = new Set<number>();
  const undatedSources = new Set<string>();
  let undated = 0;
  let lastSource: string | undefined;
  let lastYear = -1;
  for (let k = 0; k < included.length; k++) {
    const i = included[k]!;
    const source = cases.sourceIds[i]!;
    if (source !== lastSource) {
      lastSource = source;
      lastYear = yearOfSource.get(source) ?? -1;
      if (lastYear === -1) undatedSources.add(source);
      else dated.add(lastYear);
    }
    if (lastYear === -1) undated++;
    yearOfRow[i] = lastYear;
  }
  // Then each year replaced by its place among the years, through a table over the span of years.
  const steps = [...dated].sort((a, b) => a - b);
  const first = steps[0] ?? 0;
  const stepOfYear = new Int32Array(steps.length === 0 ? 0 : steps.at(-1)! - first + 1);
  steps.forEach((year, g) => (stepOfYear[year - first] = g));
  for (let k = 0; k < included.length; k++) {
    const i = included[k]!;
    if (yearOfRow[i] !== -1) yearOfRow[i] = stepOfYear[yearOfRow[i]! - first]!;
  }
  return { steps, yearOfRow, undated, undatedSources: [...undatedSources].sort() };
}

/** The estimate and its Wilson 95 % CI after each publication year's patients are added. */
export const cumulativeAnalysis = defineAnalysis<CumulativeEntry[]>()({
  id: 'cumulative',
  config: {
    schema: {
      cumulative: {
        type: 'object',
        additionalProperties: false,
        required: ['statistics'],
        description: 'Cumulative evidence by publication year (sources.csv `year`).',
        properties: { statistics: { type: 'array', minItems: 1, items: { type: 'string' } } },
      },
    },
    check(config, { error, statisticIds, hint }) {
      config.cumulative?.statistics.forEach((id, k) => {
        if (!statisticIds.has(id))
          error(`/cumulative/statistics/${k}`, `"${id}" is not a statistic id${hint(id, statisticIds)}`);
      });
    },
  },
  title: 'Cumulative evidence by publication year',
  nav: 'Cumulative',
  compute: (input, context) => {
    const spec = context.config.cumulative;
    if (!spec) return null;
    const { cases, views } = input;
    const included = views.includedRows();
    const { steps, yearOfRow, undated, undatedSources } = publicationYears(input.sources, cases, included);
    // One pass per statistic, counting each year's patients, then running totals: the same numbers as
    // restricting the table to each year in turn and counting it again, in time linear in the patients
    // whatever the number of years (was statistics × years × patients).
    const n = runningTotals(rowsPerGroup(included, yearOfRow, steps.length));
    return spec.statistics.flatMap((id) => {
      const statistic = context.config.statistics.find((s) => s.id === id)!;
      const counts = answerCountsByGroup(views.answers(statistic.when), included, yearOfRow, steps.length);
      const numerators = runningTotals(counts.numerator);
      const denominators = { all: n, reported: runningTotals(counts.reported) };
      return (['all', 'reported'] as const).map((kind) => ({
        statistic: id,
        label: statistic.label,
        denominator_kind: kind,
        points: steps.map((year, g) => {
          const numerator = numerators[g]!;
          const denominator = denominators[kind][g]!;
          return {
            year,
            n: n[g]!,
            numerator,
            denominator,
            percent: denominator === 0 ? null : (numerator / denominator) * 100,
            ci95: denominator === 0 ? null : wilsonInterval(numerator, denominator),
          };
        }),
        undated: { n: undated, source_ids: undatedSources },
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
