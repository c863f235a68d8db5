import { completenessSpec } from '../charts/completenessSpec.ts';
import { cohortVariables } from '../dataPackage/variables.ts';
import { shortCitation } from '../report/citation.ts';
import { dataTable } from '../report/dataTable.ts';
import { html } from '../report/escapeHtml.ts';
import { figureBlock } from '../report/figureBlock.ts';
import { isReported } from '../values/columns.ts';
import { defineAnalysis } from './analysis.ts';

export interface CompletenessSection {
  /** Per variable (input columns that hold findings: not ids, roles or free text), in cohort.json order. */
  variables: Array<{ variable: string; label: string; reported: number; n: number; percent: number }>;
  /** Per source of included patients: its patients, and per variable how many have it reported. */
  sources: Array<{ source_id: string; patients: number; reported: Record<string, number> }>;
  /** Variables reported for fewer than half the included patients. */
  below_half: string[];
}

/**
 * How complete the pooled data are: per variable, the included patients for whom it is reported, and the
 * same per source — the first thing a reviewer of pooled case reports asks. An empty cell is "not
 * reported"; nothing here is "not applicable", since the case table has no way to say it.
 */
export const completenessAnalysis = defineAnalysis<CompletenessSection>()({
  id: 'completeness',
  title: 'Completeness of the pooled data',
  nav: 'Completeness',
  compute: (input, context) => {
    const { cases, views } = input;
    const included = views.includedRows();
    if (included.length === 0) return null;
    const variables = cohortVariables(context.config).filter(
      (v) => !v.derived && v.type !== 'text' && cases.columns[v.id] !== undefined,
    );
    const sourceRow = new Map<string, number>();
    const sources: CompletenessSection['sources'] = [];
    for (const i of included) {
      const id = cases.sourceIds[i]!;
      if (!sourceRow.has(id)) {
        sourceRow.set(id, sources.length);
        sources.push({ source_id: id, patients: 0, reported: {} });
      }
      sources[sourceRow.get(id)!]!.patients++;
    }
    const result = variables.map((v) => {
      const column = cases.columns[v.id]!;
      const perSource = new Uint32Array(sources.length);
      let reported = 0;
      // Rows of one source usually follow each other: its place looked up once per run of rows.
      let last: string | undefined;
      let at = 0;
      for (const i of included) {
        const id = cases.sourceIds[i]!;
        if (id !== last) {
          last = id;
          at = sourceRow.get(id)!;
        }
        if (isReported(column, i)) {
          reported++;
          perSource[at]!++;
        }
      }
      sources.forEach((s, k) => (s.reported[v.id] = perSource[k]!));
      const n = included.length;
      return { variable: v.id, label: v.label, reported, n, percent: (reported / n) * 100 };
    });
    return {
      variables: result,
      sources,
      below_half: result.filter((v) => v.reported * 2 < v.n).map((v) => v.variable),
    };
  },
  figures: (result, _context, { width }) => [
    {
      id: 'completeness',
      title: 'Completeness per variable',
      caption: `Share of the ${result.variables[0]?.n ?? 0} included patients for whom each variable is reported (blue), the rest not reported (pale); least complete first.`,
      spec: completenessSpec(
        [...result.variables]
          .sort((a, b) => a.reported - b.reported)
          .map((v) => ({ label: v.label, reported: v.reported, n: v.n })),
        width,
      ),
    },
  ],
  section: (result, figures, _context, input) => {
    const byId = new Map(input.sources.map((s) => [s.id, s]));
    const variableRows = result.variables.map(
      (v) =>
        html`<tr>
          <td>${v.label}</td>
          <td class="num">${v.reported}</td>
          <td class="num">${v.n}</td>
          <td class="num">${v.percent.toFixed(0)} %</td>
        </tr>`,
    );
    const cells = result.variables.length;
    const sourceRows = result.sources.map((s) => {
      const reported = result.variables.reduce((sum, v) => sum + (s.reported[v.variable] ?? 0), 0);
      return html`<tr>
        <td>${shortCitation(byId.get(s.source_id), s.source_id)}</td>
        <td class="num">${s.patients}</td>
        <td class="num">${reported}/${s.patients * cells}</td>
        <td class="num">
          ${cells === 0 ? '–' : `${((reported / (s.patients * cells)) * 100).toFixed(0)} %`}
        </td>
      </tr>`;
    });
    const belowHalf = result.below_half.length;
    return html`<p>
        ${belowHalf} of ${result.variables.length} variables are reported for fewer than half of the included
        patients${
          belowHalf > 0
            ? html` (${result.variables
                .filter((v) => result.below_half.includes(v.variable))
                .map((v) => v.label)
                .join(', ')})`
            : html``
        }.
        An empty cell is "not reported": every percentage in this report over all included patients counts
        these patients in its denominator, and the one over reported patients leaves them out.
      </p>
      <div class="panels">${figures.map(figureBlock)}</div>
      ${dataTable('completeness-variables', ['Variable', { num: 'Reported' }, { num: 'Patients' }, { num: '%' }], variableRows)}
      <details>
        <summary>Per source (${result.sources.length})</summary>
        ${dataTable('completeness-sources', ['Source', { num: 'Patients' }, { num: 'Cells reported' }, { num: '%' }], sourceRows)}
      </details>`;
  },
});
