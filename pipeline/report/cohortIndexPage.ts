import { formatDate } from './formatDate.ts';
import { html, trusted } from './escapeHtml.ts';
import { dataTable } from './dataTable.ts';
import { pageHead } from './pageHead.ts';

export interface CohortEntry {
  id: string;
  title: string;
  n_included: number | null;
  generatedAt: string;
  /** The cohort's report, relative to the page ('/' between folders); null when its last run failed. */
  href: string | null;
  status: string;
}

/** Marks the page as casepool's own, so a run replaces only an index.html it wrote. */
const GENERATOR = 'data-generator="casepool"';

/** True for a reports/index.html casepool wrote (pages from before the marker: by their title). */
export function isCohortIndexPage(text: string): boolean {
  return text.includes(GENERATOR) || text.includes('<title>casepool reports</title>');
}

/**
 * A link to the relative path `path` that stays a path whatever the folder names are: every segment
 * percent-encoded (a ':' can no longer end a scheme, so a folder named `javascript:alert(1)` is
 * `./javascript%3Aalert(1)/`), after a leading `./`.
 */
export function relativeHref(path: string): string {
  return `./${path.split('/').map(encodeURIComponent).join('/')}`;
}

/** `reports/index.html`: every cohort with its size, date and a link to its report. */
export function cohortIndexPage(entries: readonly CohortEntry[], generatedAt: string): string {
  const rows = entries.map(
    (e) =>
      html`<tr>
        <td>${e.href ? html`<a href="${relativeHref(e.href)}">${e.title}</a>` : e.title}</td>
        <td><code>${e.id}</code></td>
        <td class="num">${e.n_included ?? '–'}</td>
        <td><time datetime="${e.generatedAt}">${formatDate(e.generatedAt)}</time></td>
        <td>${e.status}</td>
      </tr>`,
  );
  return html`<!doctype html>
    <html lang="en" ${trusted(GENERATOR)}>
      ${pageHead('casepool reports')}
      <body>
        <main>
          <h1>casepool reports</h1>
          <p class="note">
            Generated <time datetime="${generatedAt}">${formatDate(generatedAt)}</time>. One report per cohort
            folder under <code>data/</code>.
          </p>
          ${dataTable('cohorts', ['Cohort', 'Id', { num: 'Patients included' }, 'Report generated', 'Status'], rows)}
        </main>
      </body>
    </html> `.value;
}
