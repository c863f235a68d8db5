import { columnKey } from '../parse/columnKey.ts';
import { normalizeKey } from '../parse/normalizeKey.ts';
import { parseBoolean } from '../parse/parseBoolean.ts';
import { rawRow, rawRowCount } from '../parse/rawRows.ts';
import type { Finding, RawTable } from '../types.ts';
import { notReportedNotations } from '../values/notReported.ts';
import { termsCell, synonymsCell, type CodebookRow } from './codebookTable.ts';
import { inferColumn, type ColumnCell, type InferredColumn } from './inferColumn.ts';
import { DEATH_WORDS, spellingKey } from './spellingGroups.ts';

/*
 * A user's table → its codebook: each column inferred (inferColumn.ts), then the roles that need the
 * whole table: the id column (one of distinct values), the source column (citations, repeated), the
 * include and exclusion-reason columns, and outcome and follow-up (survival). Pure.
 */

export interface InferredCodebook {
  /** One per header cell, in the table's order (a column without a header has none: see `headerless`). */
  columns: Array<InferredColumn & { field: number; role: string }>;
  rows: CodebookRow[];
  /** Columns whose header cell is empty (a merged header): their 1-based field and their filled cells. */
  headerless: Array<{ field: number; cells: ColumnCell[] }>;
  /** The column that names the source of each row, and its distinct citations in order. */
  citations: { column: string; values: string[] } | null;
  /** What could not be done for the cohort as a whole (no id column, …). */
  notes: string[];
}

const ID_HEADER =
  /^(case|patient|pt|subject|record|row)?[\s_-]*(id|no|nr|number|#|code)$|^(case|patient|pt)$/i;
const SOURCE_HEADER = /source|reference|citation|\bref\b|study|author|paper|publication|article/i;
const OUTCOME_HEADER = /outcome|status|vital|alive|dead|death|died|mortality/i;
const FOLLOW_UP_HEADER = /follow|\bf\/?u\b|surviv|\bos\b/i;

/** The cells of field `k` (non-empty), with their rows' lines. */
function cellsOf(
  table: RawTable,
  k: number,
  dateCells: ReadonlySet<string>,
): { cells: ColumnCell[]; dates: number } {
  const cells: ColumnCell[] = [];
  let dates = 0;
  for (let i = 0; i < rawRowCount(table); i++) {
    const text = rawRow(table, i)[k] ?? '';
    const line = table.lines[i]!;
    if (text.trim() !== '') cells.push({ text, line });
    else if (dateCells.has(`${line}:${k + 1}`)) dates++;
  }
  return { cells, dates };
}

/**
 * Infers the codebook of `table`. `readFindings` are the reader's (readWorkbook reports each Excel
 * date at its cell, read as empty: such a column is a date column).
 */
export function inferCodebook(table: RawTable, readFindings: readonly Finding[] = []): InferredCodebook {
  const dateCells = new Set(
    readFindings.filter((f) => f.code === 'cell.date').map((f) => `${f.line}:${f.column}`),
  );
  const notes: string[] = [];
  const headerless: InferredCodebook['headerless'] = [];
  const columns: InferredCodebook['columns'] = [];
  const seen = new Set<string>();
  // The cohort's default notations (a codebook may add a column's own).
  table.header.forEach((header, k) => {
    const { cells, dates } = cellsOf(table, k, dateCells);
    if (header.trim() === '') {
      headerless.push({ field: k + 1, cells });
      return;
    }
    if (seen.has(columnKey(header))) {
      notes.push(`column ${k + 1} repeats the header "${header}": only the first is read; rename one`);
      return;
    }
    seen.add(columnKey(header));
    const notations = notReportedNotations(
      { name: header, label: header, description: '', type: 'text' },
      {},
      undefined,
    )!;
    columns.push({ ...inferColumn(header, cells, notations, dates), field: k + 1, role: '' });
  });
  const n = rawRowCount(table);
  const distinct = (c: InferredColumn & { field: number }) => {
    const values = cellsOf(table, c.field - 1, dateCells).cells.map((x) => x.text.trim().toLowerCase());
    return values.length === n && new Set(values).size === n;
  };
  // The id: a header that says so, with a distinct value in every row; else the first such column.
  const id =
    columns.find((c) => ID_HEADER.test(spellingKey(c.header)) && distinct(c)) ??
    columns.find(
      (c) => ['text', 'category', 'number'].includes(c.type) && distinct(c) && c.type !== 'number',
    );
  if (id)
    Object.assign(id, {
      type: 'id',
      reason: 'a different value in every row',
      unplaced: [],
      notations: new Map(),
      addedNotations: [],
    });
  else
    notes.push(
      'no column has a different value in every row to be the case id: add one (e.g. case_id) and run again',
    );
  // The source: a header that says so; else a column whose cells mostly name a year among words
  // (`Smith 2019`), as citations do.
  const citationLike = (c: InferredColumn & { field: number }) => {
    const cells = cellsOf(table, c.field - 1, dateCells).cells;
    const cited = cells.filter((x) => /[a-z]/i.test(x.text) && /(?<!\d)(1[89]|20)\d\d(?!\d)/.test(x.text));
    return cells.length > 0 && cited.length * 5 >= cells.length * 4;
  };
  const source =
    columns.find((c) => c !== id && SOURCE_HEADER.test(c.header) && ['text', 'category'].includes(c.type)) ??
    columns.find((c) => c !== id && ['text', 'category'].includes(c.type) && citationLike(c));
  let citations: InferredCodebook['citations'] = null;
  if (source) {
    Object.assign(source, {
      type: 'source',
      reason: 'names the publication of each row',
      spellings: undefined,
      // A source cell names a paper: no notation is read in it (the pipeline reads none there either).
      unplaced: [],
      notations: new Map(),
      addedNotations: [],
    });
    const values: string[] = [];
    for (const { text } of cellsOf(table, source.field - 1, dateCells).cells)
      if (!values.includes(text.trim())) values.push(text.trim());
    citations = { column: source.header, values };
  } else
    notes.push(
      'no column names the publication of each row (source, reference, citation, study): add one, since every row must trace to a publication',
    );
  for (const c of columns) {
    if (c === id || c === source) continue;
    const key = columnKey(c.header);
    if (/^incl(ude|uded)?$/.test(key) && c.type === 'boolean') c.role = 'include';
    else if (/exclu|duplicate/.test(key) && ['text', 'category'].includes(c.type)) {
      // Free text, however few the reasons: a reason or an id is not a term to count.
      c.role = /exclu/.test(key) ? 'exclusion reason' : 'duplicate of';
      c.type = 'text';
      c.spellings = undefined;
      c.reason =
        c.role === 'exclusion reason' ? 'why a row is kept out' : 'the id of the row this one repeats';
    }
  }
  // A row kept out needs its reason (the run stops without one): said now, with the rows.
  const include = columns.find((c) => c.role === 'include');
  if (include) {
    const reason = columns.find((c) => c.role === 'exclusion reason');
    const rows: number[] = [];
    for (let i = 0; i < n; i++) {
      const cells = rawRow(table, i);
      const kept = parseBoolean(cells[include.field - 1] ?? '');
      if (kept.ok && !kept.value && (reason === undefined || (cells[reason.field - 1] ?? '').trim() === ''))
        rows.push(table.lines[i]!);
    }
    if (rows.length > 0)
      notes.push(
        `${rows.length} row${rows.length === 1 ? ' has' : 's have'} ${include.header} = no without a reason (line${rows.length === 1 ? '' : 's'} ${rows.slice(0, 20).join(', ')}${rows.length > 20 ? ', …' : ''}): write why in ${reason ? reason.header : 'an exclusion_reason column'}, or the run stops there`,
      );
  }
  const outcome = columns.find(
    (c) =>
      c.type === 'category' &&
      (OUTCOME_HEADER.test(c.header) || c.spellings!.family === 'vital status') &&
      c.spellings!.groups.some((g) => g.spellings.some((s) => DEATH_WORDS.has(spellingKey(s)))),
  );
  const followUp = columns.find((c) => c.type === 'duration' && FOLLOW_UP_HEADER.test(c.header));
  if (outcome && followUp) {
    outcome.role = 'outcome';
    followUp.role = 'follow-up';
  } else if (outcome || followUp)
    notes.push(
      outcome
        ? `"${outcome.header}" looks like an outcome, but no duration column looks like follow-up: mark one (role follow-up) for survival`
        : `"${followUp!.header}" looks like follow-up, but no column says alive or dead: mark one (role outcome) for survival`,
    );
  const rows = columns.map(codebookRow);
  return { columns, rows, headerless, citations, notes };
}

/** The codebook row of an inferred column. */
function codebookRow(c: InferredColumn & { role: string }): CodebookRow {
  const groups = c.spellings?.groups ?? [];
  const summarised =
    ['category', 'list', 'boolean', 'number', 'size', 'duration'].includes(c.type) && c.role !== 'include';
  return {
    column: c.header,
    label: c.label,
    type: c.type === 'boolean' ? 'yes/no' : c.type,
    unit: c.unit ?? '',
    min: '',
    max: '',
    terms: termsCell(groups.map((g) => g.label)),
    synonyms: synonymsCell(
      groups.map((g) => ({ term: g.label, synonyms: otherSpellings(g.label, g.spellings) })),
    ),
    summarise: summarised ? 'yes' : 'no',
    group_by: '',
    description: describe(c),
    separator: c.separators?.join(' ') ?? '',
    not_reported: [...new Set([...c.addedNotations, ...c.unplaced.map((u) => u.text)])].join('; '),
    role: c.role,
  };
}

/**
 * The spellings a term needs besides its label, one per form casepool tells apart (normalizeKey:
 * `Lt.` and `lt` are two, `LT` and `lt` one).
 */
function otherSpellings(label: string, spellings: readonly string[]): string[] {
  const keys = new Set([normalizeKey(label)]);
  const out: string[] = [];
  for (const s of spellings) {
    const key = normalizeKey(s);
    if (keys.has(key)) continue;
    keys.add(key);
    out.push(s);
  }
  return out;
}

/** The codebook's description of an inferred column: what was found, for the user to rewrite. */
function describe(c: InferredColumn): string {
  const parts = [`Inferred: ${c.reason}.`];
  if (c.type === 'date') parts.push('casepool keeps no dates: Excel dates are read as not reported.');
  if (c.addedNotations.length > 0)
    parts.push(
      `${c.addedNotations.map((n) => `"${n}"`).join(', ')} read as not reported (listed in not_reported).`,
    );
  if (c.unplaced.length > 0)
    parts.push(
      `${c.unplaced.length} cell${c.unplaced.length === 1 ? '' : 's'} could not be read and ${c.unplaced.length === 1 ? 'is' : 'are'} listed in not_reported (read as not reported; see the inference report).`,
    );
  return parts.join(' ');
}
