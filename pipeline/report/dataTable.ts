import { html, type Html } from './escapeHtml.ts';

/** A column heading; `{ num }` marks a right-aligned numeric column. */
export type Column = string | Html | { num: string | Html };

/** Every table of the report: an id (tests and links use it), the headings, and the rows as given. */
export function dataTable(id: string, columns: readonly Column[], rows: readonly Html[]): Html {
  const headings = columns.map((c) =>
    typeof c === 'object' && 'num' in c ? html`<th class="num">${c.num}</th>` : html`<th>${c}</th>`,
  );
  return html`<table id="${id}">
    <thead>
      <tr>
        ${headings}
      </tr>
    </thead>
    <tbody>
      ${rows}
    </tbody>
  </table>`;
}
