import { describe, expect, it } from 'vitest';
import { dataTable } from '../../pipeline/report/dataTable.ts';
import { html } from '../../pipeline/report/escapeHtml.ts';
import { pageHead } from '../../pipeline/report/pageHead.ts';

describe('dataTable', () => {
  it('writes the id, escaped headings, numeric columns right-aligned, and the rows as given', () => {
    const table = dataTable(
      't',
      ['Name <b>', { num: 'n' }],
      [
        html`<tr>
          <td>a</td>
          <td class="num">1</td>
        </tr>`,
      ],
    ).value.replace(/>\s+</g, '><');
    expect(table).toContain('<table id="t">');
    expect(table).toContain('<th>Name &lt;b&gt;</th>');
    expect(table).toContain('<th class="num">n</th>');
    expect(table).toContain('<tr><td>a</td><td class="num">1</td></tr>');
  });
});

describe('pageHead', () => {
  it('escapes the title and forbids loading anything from outside the file', () => {
    const head = pageHead('A <script> title').value;
    expect(head).toContain('<title>A &lt;script&gt; title</title>');
    expect(head).toContain("default-src 'none'");
  });
});
