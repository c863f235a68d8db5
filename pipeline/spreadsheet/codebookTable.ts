import { toCsv } from '../io/toCsv.ts';
import { columnKey } from '../parse/columnKey.ts';
import { excerpt } from '../parse/excerpt.ts';
import type { Finding, RawTable } from '../types.ts';

/*
 * The codebook: the clinician's description of the table, one row per column, editable in Excel.
 * This module is its format only (fields, cells, how terms and synonyms are written in a cell);
 * codebookConfig.ts makes cohort.json parts of it.
 *
 * A terms cell lists the terms by label, `;` between them (`Female; Male`); a synonyms cell gives each
 * term's other spellings after its label and `:`, `,` between spellings and `;` between terms
 * (`Female: F, woman; Male: M`).
 */

export const CODEBOOK_FIELDS = [
  'column',
  'label',
  'type',
  'unit',
  'min',
  'max',
  'terms',
  'synonyms',
  'summarise',
  'group_by',
  'description',
  'separator',
  'not_reported',
  'role',
] as const;

export type CodebookField = (typeof CODEBOOK_FIELDS)[number];

/** One row of the codebook, every cell as text (empty: not given). */
export type CodebookRow = Record<CodebookField, string>;

/** A row as read, with where each of its cells is, for findings at the cell. */
export interface LocatedCodebookRow {
  row: CodebookRow;
  line: number;
  /** 1-based column of each field in the file; 0 when the file has no such column. */
  columnOf: Record<CodebookField, number>;
}

/** A codebook's rows → CSV text (toCsv: CRLF, as Excel writes it). */
export function codebookCsv(rows: readonly CodebookRow[]): string {
  return toCsv(
    CODEBOOK_FIELDS,
    rows.map((r) => CODEBOOK_FIELDS.map((f) => r[f])),
  );
}

/**
 * A cell as typed, without the apostrophe toCsv puts before a text that starts like a formula (`'-`),
 * so that a codebook written and read back is the same.
 */
function cellText(text: string): string {
  return text.replace(/^'(?=[=+\-@])/, '').trim();
}

/**
 * The rows of a codebook table (read by parseCsv or readWorkbook). Header cells are matched as a cases
 * table's are (`Group by` is group_by); `column` and `type` must be there; an unknown header is a
 * warning.
 */
export function codebookRows(table: RawTable): { rows: LocatedCodebookRow[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const fieldAt = new Map<CodebookField, number>();
  const known = new Map(CODEBOOK_FIELDS.map((f) => [columnKey(f), f]));
  // `summarize` as well as `summarise`.
  known.set('summarize', 'summarise');
  table.header.forEach((typed, k) => {
    const field = known.get(columnKey(typed));
    if (field === undefined) {
      findings.push({
        file: table.file,
        line: table.headerLine,
        column: k + 1,
        severity: 'warning',
        code: 'codebook.unknown-field',
        message: `codebook column "${excerpt(typed)}" is not one of ${CODEBOOK_FIELDS.join(', ')} and is ignored`,
      });
    } else if (!fieldAt.has(field)) fieldAt.set(field, k);
  });
  for (const required of ['column', 'type'] as const)
    if (!fieldAt.has(required))
      findings.push({
        file: table.file,
        line: table.headerLine,
        column: 0,
        severity: 'error',
        code: 'codebook.missing-field',
        message: `the codebook needs a "${required}" column (its columns: ${CODEBOOK_FIELDS.join(', ')})`,
      });
  const columnOf = Object.fromEntries(CODEBOOK_FIELDS.map((f) => [f, (fieldAt.get(f) ?? -1) + 1])) as Record<
    CodebookField,
    number
  >;
  const rows = table.rows.map((cells, i) => ({
    row: Object.fromEntries(
      CODEBOOK_FIELDS.map((f) => [f, fieldAt.has(f) ? cellText(cells[fieldAt.get(f)!] ?? '') : '']),
    ) as CodebookRow,
    line: table.lines[i]!,
    columnOf,
  }));
  return { rows, findings };
}

/** A terms cell → term labels. */
export function termsOfCell(text: string): string[] {
  return text
    .split(';')
    .map((t) => t.trim())
    .filter((t) => t !== '');
}

/** Term labels → a terms cell. */
export function termsCell(labels: readonly string[]): string {
  return labels.join('; ');
}

/** A synonyms cell → each entry's term (as written before `:`) and its spellings, or a problem. */
export function synonymsOfCell(text: string): {
  entries: Array<{ term: string; synonyms: string[] }>;
  problem: string | null;
} {
  const entries: Array<{ term: string; synonyms: string[] }> = [];
  for (const part of text.split(';')) {
    if (part.trim() === '') continue;
    const colon = part.indexOf(':');
    if (colon < 0)
      return {
        entries,
        problem: `"${excerpt(part.trim())}" names no term: write the term, ":" and its spellings (Female: F, woman; Male: M)`,
      };
    entries.push({
      term: part.slice(0, colon).trim(),
      synonyms: part
        .slice(colon + 1)
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    });
  }
  return { entries, problem: null };
}

/** Terms and their spellings → a synonyms cell (terms without other spellings left out). */
export function synonymsCell(entries: ReadonlyArray<{ term: string; synonyms: readonly string[] }>): string {
  return entries
    .filter((e) => e.synonyms.length > 0)
    .map((e) => `${e.term}: ${e.synonyms.join(', ')}`)
    .join('; ');
}
