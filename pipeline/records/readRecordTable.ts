import { excerpt } from '../parse/excerpt.ts';
import { findColumn } from '../parse/columnKey.ts';
import { missingColumns } from '../parse/missingColumns.ts';
import type { Finding, RawTable } from '../types.ts';
import { doiFromText, finishRecord, pmidFromText, yearFromText, type RecordsRead } from './searchRecord.ts';

/**
 * Columns of a records table (CSV or a worksheet), matched as every header is (columnKey: case,
 * spaces, `_`/`-` do not matter); `author` is read where `authors` is absent. `title` is required.
 */
const COLUMNS = ['title', 'authors', 'year', 'journal', 'doi', 'pmid'] as const;

/**
 * Authors as one cell: split at `;` when the cell has one ("Smith, John; Jones, Ann"), else at `,`
 * (the Vancouver form of sources.csv, "Smith J, Jones A").
 */
export function splitAuthorCell(cell: string): string[] {
  const parts = cell.includes(';') ? cell.split(';') : cell.split(',');
  return parts.map((a) => a.trim()).filter((a) => a !== '');
}

/**
 * A table of records (a CSV export, a spreadsheet from a screening tool) → records, each at its row's
 * line. A DOI cell may carry a resolver or `doi:` prefix, a PMID cell `PMID:`; a DOI or PMID cell that
 * holds none is a warning at its cell, and the record is kept without it.
 */
export function readRecordTable(table: RawTable): RecordsRead {
  const findings: Finding[] = [];
  const missing = missingColumns(table, ['title'], `expected ${COLUMNS.join(',')}`);
  if (missing) return { records: [], findings: [missing] };
  const field = Object.fromEntries(COLUMNS.map((c) => [c, findColumn(table.header, c)])) as Record<
    (typeof COLUMNS)[number],
    number
  >;
  if (field.authors < 0) field.authors = findColumn(table.header, 'author');
  const records: RecordsRead['records'] = [];
  table.rows.forEach((row, i) => {
    const line = table.lines[i]!;
    const cell = (c: number) => (c >= 0 ? (row[c] ?? '').trim() : '');
    const doi = doiFromText(cell(field.doi));
    const pmid = pmidFromText(cell(field.pmid));
    const unread = (c: number, what: string) =>
      findings.push({
        file: table.file,
        line,
        column: c + 1,
        severity: 'warning',
        code: 'record.bad-identifier',
        message: `"${excerpt(cell(c))}" is not a ${what}; the record is kept without it`,
      });
    if (cell(field.doi) !== '' && doi === '') unread(field.doi, 'DOI (10.xxxx/…)');
    if (cell(field.pmid) !== '' && pmid === '') unread(field.pmid, 'PMID (digits)');
    records.push(
      finishRecord(
        {
          title: cell(field.title),
          authors: splitAuthorCell(cell(field.authors)),
          year: yearFromText(cell(field.year)),
          journal: cell(field.journal),
          doi,
          pmid,
        },
        table.file,
        line,
        findings,
      ),
    );
  });
  return { records, findings };
}
