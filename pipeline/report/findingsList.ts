import type { Finding } from '../types.ts';
import { dataTable } from './dataTable.ts';
import { html, type Html } from './escapeHtml.ts';

/** Findings shown in the page; all of them are in findings.csv. Keeps the page light at any n. */
export const FINDINGS_LIMIT = 500;

export function findingsList(findings: readonly Finding[]): Html {
  if (findings.length === 0) return html`<p>No problems found in the input files.</p>`;
  const more =
    findings.length > FINDINGS_LIMIT
      ? html`<p class="note">
          Showing the first ${FINDINGS_LIMIT} of ${findings.length}; all are in
          <a href="findings.csv">findings.csv</a>.
        </p>`
      : html``;
  const rows = findings.slice(0, FINDINGS_LIMIT).map(
    (f) =>
      html`<tr>
        <td><code>${f.file}:${f.line}:${f.column}</code></td>
        <td class="sev-${f.severity}">${f.severity}${f.accepted === undefined ? '' : ' (accepted)'}</td>
        <td>
          ${f.message}${
            f.accepted === undefined ? '' : html`<br /><span class="note">Accepted: ${f.accepted}</span>`
          }
        </td>
      </tr>`,
  );
  return html`${more} ${dataTable('findings', ['Where', 'Severity', 'Message'], rows)}`;
}
