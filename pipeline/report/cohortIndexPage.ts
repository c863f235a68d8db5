import { html } from './escapeHtml.ts';
import { PAGE_STYLE } from './pageStyle.ts';
import { trusted } from './escapeHtml.ts';

export interface CohortEntry {
  id: string;
  title: string;
  n_included: number | null;
  generatedAt: string;
  /** Relative link to the cohort's report; null when its last run failed. */
  href: string | null;
  status: string;
}

/** `reports/index.html`: every cohort with its size, date and a link to its report. */
export function cohortIndexPage(entries: readonly CohortEntry[], generatedAt: string): string {
  const rows = entries.map(
    (e) =>
      html`<tr>
        <td>${e.href ? html`<a href="${e.href}">${e.title}</a>` : e.title}</td>
        <td><code>${e.id}</code></td>
        <td class="num">${e.n_included ?? '–'}</td>
        <td>${e.generatedAt}</td>
        <td>${e.status}</td>
      </tr>`,
  );
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <title>casepool reports</title>
        <style>
          ${trusted(PAGE_STYLE)}
        </style>
      </head>
      <body>
        <main>
          <h1>casepool reports</h1>
          <p class="note">Generated ${generatedAt}. One report per cohort folder under <code>data/</code>.</p>
          <table id="cohorts">
            <thead>
              <tr>
                <th>Cohort</th>
                <th>Id</th>
                <th class="num">Patients included</th>
                <th>Report generated</th>
                <th>Status</th>
              </tr>
            </thead>
            <tbody>
              ${rows}
            </tbody>
          </table>
        </main>
      </body>
    </html> `.value;
}
