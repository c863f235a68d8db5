import type { VariableInfo } from '../dataPackage/variables.ts';
import type { CaseTable, CohortConfig, Source } from '../types.ts';
import { valueAt } from '../values/columns.ts';
import { displayValue, termLabels } from './displayValue.ts';
import { citation } from './citation.ts';
import { html, type Html } from './escapeHtml.ts';
import { dataTable } from './dataTable.ts';

/** Rows shown in the page; the full table is the tidy CSV. Keeps the page light at any n. */
export const CASE_TABLE_LIMIT = 1000;

/** Characters of a note shown in its collapsed summary on screen. */
const NOTE_PREVIEW = 90;

/**
 * The case table: one compact row per case with its short variables, and, when the case has notes
 * (free-text variables), a second row spanning the table with the notes behind a <details> (click to
 * open on screen; the print stylesheet opens them, so a printed table holds every word).
 */
export function caseTable(
  cases: CaseTable,
  sources: readonly Source[],
  variables: readonly VariableInfo[],
  config: CohortConfig,
): Html {
  const labels = termLabels(config, variables);
  const byId = new Map(sources.map((s) => [s.id, s]));
  const shown = Math.min(cases.n, CASE_TABLE_LIMIT);
  const short = variables.filter((v) => v.type !== 'text');
  const long = variables.filter((v) => v.type === 'text');
  const columns = 3 + short.length;
  const rows: Html[] = [];
  for (let i = 0; i < shown; i++) {
    const cells = short.map(
      (v) => html`<td>${displayValue(valueAt(cases.columns[v.id]!, i), labels.get(v.id))}</td>`,
    );
    const status = cases.included[i] ? 'included' : 'excluded';
    rows.push(
      html`<tr class="${status} case" data-case="${cases.caseIds[i]}">
        <td>${cases.caseIds[i]}</td>
        <td>${citation(byId.get(cases.sourceIds[i]!))}</td>
        <td>${cases.included[i] ? 'yes' : `no: ${cases.exclusionReasons[i] ?? ''}`}</td>
        ${cells}
      </tr>`,
    );
    const notes = long
      .map((v) => ({ label: v.label, text: valueAt(cases.columns[v.id]!, i) }))
      .filter(
        (n): n is { label: string; text: string } => typeof n.text === 'string' && n.text.trim() !== '',
      );
    if (notes.length === 0) continue;
    const all = notes.map((n) => `${n.label}: ${n.text}`).join(' ');
    const paragraphs = notes.map(
      (n) => html`<p><span class="note-label">${n.label}:</span> <span>${n.text}</span></p>`,
    );
    // A short note is shown as it is; a long one is collapsed to its first words on screen.
    const body =
      all.length <= NOTE_PREVIEW
        ? html`${paragraphs}`
        : html`<details>
            <summary>${all.slice(0, NOTE_PREVIEW).trimEnd()}…</summary>
            ${paragraphs}
          </details>`;
    rows.push(
      html`<tr class="${status} notes" data-notes-of="${cases.caseIds[i]}">
        <td colspan="${columns}">${body}</td>
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
    ${
      long.length
        ? html`<p class="note">
            ${long.map((v) => v.label).join(', ')}: under each row, click to open; printing opens them all.
          </p>`
        : html``
    }
    <div class="scroll">
      ${dataTable('cases', ['Case', 'Source', 'Included', ...short.map((v) => v.label)], rows)}
    </div>`;
}
