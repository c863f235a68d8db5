import type { VariableInfo } from '../engine/variables.ts';
import type { CaseTable, CohortConfig, Source } from '../types.ts';
import { displayValue, termLabels } from './displayValue.ts';
import { citation } from './citation.ts';
import { html, type Html } from './escapeHtml.ts';
import { dataTable } from './dataTable.ts';

/** Rows shown in the page; the full table is the tidy CSV. Keeps the page light at any n. */
export const CASE_TABLE_LIMIT = 1000;

export function caseTable(
  cases: CaseTable,
  sources: readonly Source[],
  variables: readonly VariableInfo[],
  config: CohortConfig,
): Html {
  const labels = termLabels(config, variables);
  const byId = new Map(sources.map((s) => [s.id, s]));
  const shown = Math.min(cases.n, CASE_TABLE_LIMIT);
  const rows: Html[] = [];
  for (let i = 0; i < shown; i++) {
    const cells = variables.map(
      (v) =>
        html`<td class="${v.type === 'text' ? 'long' : ''}">
          ${displayValue(cases.values[v.id]![i]!, labels.get(v.id))}
        </td>`,
    );
    rows.push(
      html`<tr class="${cases.included[i] ? 'included' : 'excluded'}">
        <td>${cases.caseIds[i]}</td>
        <td>${citation(byId.get(cases.sourceIds[i]!))}</td>
        <td>${cases.included[i] ? 'yes' : `no: ${cases.exclusionReasons[i] ?? ''}`}</td>
        ${cells}
      </tr>`,
    );
  }
  const more =
    cases.n > shown
      ? html`<p class="note">
          Showing the first ${shown} of ${cases.n} rows; all rows are in
          <a href="tidy/cases.csv">tidy/cases.csv</a>.
        </p>`
      : html``;
  return html`${more}
    <div class="scroll">
      ${dataTable('cases', ['Case', 'Source', 'Included', ...variables.map((v) => v.label)], rows)}
    </div>`;
}
