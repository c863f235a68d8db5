import { closestMatch } from '../parse/closestMatch.ts';
import { columnKey } from '../parse/columnKey.ts';
import { cellParser, idValue, leftOut, plainNumberReader, type CellReading } from '../values/cellParsers.ts';
import { columnBuilder, columnKind, valueAt, type Column, type ColumnBuilder } from '../values/columns.ts';
import { deriveVariables, type UnreadableCells } from '../conditions/deriveVariables.ts';
import type { CaseTable, CohortConfig, ColumnSpec, Finding, RawTable } from '../types.ts';
import { checkCases } from './caseChecks.ts';
import { sortedIds } from './findingPlace.ts';
import { defineInputTable } from './inputTable.ts';
import { sourcesTable } from './sourcesTable.ts';
import type { StageContext } from '../stages/context.ts';
import { excerpt } from '../parse/excerpt.ts';
import { rawRowCount, releaseRawRow } from '../parse/rawRows.ts';
import { cellBounds, isBlankSpan, SpanMemo } from '../parse/textSpan.ts';
import { describeNotationCounts } from '../values/notReported.ts';

/** Header of cases.csv → which field holds which column; problems with the header as findings. */
function mapHeader(
  table: RawTable,
  context: StageContext,
): { fieldOf: Map<string, number>; findings: Finding[] } {
  const { columns } = context.config;
  // Matched by columnKey: `Age`, ` age ` and `AGE` are the column age, as the README promises.
  const known = new Map(columns.map((c) => [columnKey(c.name), c.name]));
  const findings: Finding[] = [];
  const fieldOf = new Map<string, number>();
  const at = (column: number, severity: Finding['severity'], code: string, message: string) =>
    findings.push({ file: table.file, line: table.headerLine, column, severity, code, message });
  table.header.forEach((typed, k) => {
    const name = known.get(columnKey(typed)) ?? typed;
    if (fieldOf.has(name)) {
      at(
        k + 1,
        'error',
        'header.duplicate',
        `column "${excerpt(typed)}" appears twice (fields ${fieldOf.get(name)! + 1} and ${k + 1})`,
      );
      return;
    }
    if (!known.has(columnKey(typed))) {
      const near = closestMatch(typed, [...known.values()]);
      const hint = near ? `; did you mean "${near}"?` : '';
      at(
        k + 1,
        'warning',
        'header.unknown',
        `column "${excerpt(typed)}" is not defined in cohort.json and is ignored${hint}`,
      );
    }
    fieldOf.set(name, k);
  });
  for (const column of columns) {
    if (column.required !== false && !fieldOf.has(column.name)) {
      at(
        0,
        'error',
        'header.missing',
        `required column "${column.name}" is missing (${column.label}: ${column.description})`,
      );
    }
  }
  return { fieldOf, findings };
}

/** f(0) … f(n - 1) as an array (Array.from of { length: n } goes through the generic iteration, slower). */
function everyRow<T>(n: number, f: (row: number) => T): T[] {
  const out: T[] = [];
  for (let row = 0; row < n; row++) out.push(f(row));
  return out;
}

/** A cell's reading, and its value made ready to set (ColumnBuilder.setter): shared by the rows of one text. */
interface CellEntry {
  reading: CellReading;
  setRow: (row: number) => void;
}

/**
 * Reads a column's cells, given as spans of their line. Every reading but an id's is pure and a column
 * repeats few texts (at 10^6 synthetic rows a few hundred distinct per column, a few ten thousand in a
 * list column), so each distinct text is read once and remembered with its value's setter (SpanMemo,
 * up to 10,000 texts a column). (An id, distinct per row, is not read here: normalizeCases sets it.)
 */
function cellReader(
  spec: ColumnSpec,
  config: CohortConfig,
  column: ColumnBuilder,
): (text: string, start: number, end: number) => CellEntry {
  const parse = cellParser(spec, config);
  const entry = (cell: string): CellEntry => {
    const reading = parse(cell);
    return { reading, setRow: column.setter(reading.value) };
  };
  const memo = new SpanMemo(entry);
  return (text, start, end) => memo.get(text, start, end);
}

function normalizeCases(
  table: RawTable,
  context: StageContext,
  releaseRows: boolean,
): { cases: CaseTable | null; findings: Finding[] } {
  const { config } = context;
  const { fieldOf, findings } = mapHeader(table, context);
  if (findings.some((f) => f.severity === 'error')) return { cases: null, findings };
  const n = rawRowCount(table);
  const unreadable: UnreadableCells = new Map();
  const builders: Array<{ name: string; column: ColumnBuilder }> = [];
  const readers: Array<{
    name: string;
    field: number;
    column: ColumnBuilder;
    plainNumber: ReturnType<typeof plainNumberReader>;
    isId: boolean;
    read: (text: string, start: number, end: number) => CellEntry;
    /** Cells read as not reported from a notation (`NR`), by the notation as written. */
    notations: Map<string, number>;
  }> = [];
  for (const spec of config.columns) {
    const field = fieldOf.get(spec.name);
    // A column absent from the header is a column of its type with nothing reported.
    const column = columnBuilder(columnKind(spec.type), n);
    builders.push({ name: spec.name, column });
    if (field !== undefined)
      readers.push({
        name: spec.name,
        field,
        column,
        plainNumber: plainNumberReader(spec),
        isId: spec.type === 'id',
        read: cellReader(spec, config, column),
        notations: new Map(),
      });
  }
  // A row kept as its line is read where its cells lie (cellBounds), none cut out unless needed.
  const unsplit = table.unsplit;
  const bounds = new Int32Array(table.header.length + 1);
  // Row by row, so that a row's cells can be let go once read (options.releaseRows): the typed text and
  // the values are then never both held whole.
  for (let i = 0; i < n; i++) {
    const line = unsplit ? unsplit.texts[i]! : '';
    if (unsplit) cellBounds(line, unsplit.delimiter, bounds);
    const row = unsplit ? null : table.rows[i]!;
    for (const { name, field, column, plainNumber, isId, read, notations } of readers) {
      const text = row ? row[field]! : line;
      const start = row ? 0 : bounds[field]!;
      const end = row ? text.length : bounds[field + 1]! - 1;
      if (isBlankSpan(text, start, end)) continue;
      const plain = plainNumber?.(text, start, end);
      if (plain !== undefined) {
        column.set(i, plain);
        continue;
      }
      // An id, distinct per row, is set as it is read: no reading or setter made for one row.
      if (isId) {
        column.set(i, idValue(text.slice(start, end)));
        continue;
      }
      const { reading, setRow } = read(text, start, end);
      setRow(i);
      if (reading.value === null) {
        // A notation is an empty cell written otherwise: not reported, not unreadable.
        if (reading.notReported !== undefined)
          notations.set(reading.notReported, (notations.get(reading.notReported) ?? 0) + 1);
        else {
          if (!unreadable.has(name)) unreadable.set(name, new Set());
          unreadable.get(name)!.add(i);
        }
      }
      if (reading.problems.length > 0)
        for (const p of reading.problems) {
          findings.push({ file: table.file, line: table.lines[i]!, column: field + 1, ...p });
        }
    }
    if (releaseRows) releaseRawRow(table, i);
  }
  // One note per column, not one per cell: "12 cells written "NR" read as not reported".
  for (const { name, field, notations } of readers)
    if (notations.size > 0)
      findings.push({
        file: table.file,
        line: table.headerLine,
        column: field + 1,
        severity: 'info',
        code: 'value.not-reported-notation',
        message: `${name}: ${describeNotationCounts(notations)}`,
      });
  const columns: Record<string, Column> = Object.fromEntries(
    builders.map(({ name, column }) => [name, column.finish()]),
  );
  const { roles } = config;
  // Each role's column looked up once, not once per row.
  const text = (name: string | undefined): ((i: number) => string | null) => {
    const column = name === undefined ? undefined : columns[name]!;
    return column === undefined ? () => null : (i) => valueAt(column, i) as string | null;
  };
  const caseId = text(roles.caseId);
  const sourceId = text(roles.sourceId);
  const include = roles.include === undefined ? undefined : columns[roles.include]!;
  const caseIds = everyRow(n, (i) => caseId(i) ?? '');
  const sourceIds = everyRow(n, (i) => sourceId(i) ?? '');
  const included = everyRow(n, (i) => (include ? valueAt(include, i) !== false : true));
  // A row marked as the duplicate of another is the same patient published twice: it stays in the
  // case table, marked, and leaves the analysis (validate checks the id it names).
  const duplicateTarget = text(roles.duplicateOf);
  const duplicateOf = everyRow(n, (i) => duplicateTarget(i) || null);
  const exclusionReason = text(roles.exclusionReason);
  const exclusionReasons = everyRow(
    n,
    (i) => exclusionReason(i) || (duplicateOf[i] ? `duplicate of ${duplicateOf[i]}` : null),
  );
  for (let i = 0; i < n; i++) if (duplicateOf[i]) included[i] = false;
  const derived = deriveVariables(columns, n, config, unreadable);
  for (const u of derived.unplaced) {
    const field = fieldOf.get(u.from);
    const spec = config.derived.find((d) => d.id === u.variable);
    const vocabulary = spec && 'vocabulary' in spec ? config.vocabularies[spec.vocabulary] : undefined;
    const severity = vocabulary?.unknown ?? 'error';
    findings.push({
      file: table.file,
      line: table.lines[u.row]!,
      column: field === undefined ? 0 : field + 1,
      severity,
      code: 'value.unplaced',
      message:
        `${u.from} "${excerpt(u.token)}" matches no term of ${u.variable}` +
        (severity === 'warning' ? ` (${leftOut(u.variable)})` : ''),
    });
  }
  return {
    cases: {
      file: table.file,
      columnNumbers: Object.fromEntries([...fieldOf].map(([name, k]) => [name, k + 1])),
      n,
      caseIds,
      sourceIds,
      lines: table.lines,
      included,
      exclusionReasons,
      duplicateOf,
      columns: derived.columns,
    },
    findings,
  };
}

/** cases.csv: one row per patient, read through the cohort's columns and vocabularies. */
export const casesTable = defineInputTable<CaseTable | null>()({
  key: 'cases',
  description:
    'One row per patient; the file the user edits. Any table file may be CSV (`cases.csv`) or an Excel workbook (`cases.xlsx`: its first sheet; `extraction.xlsx#Patients`: the sheet named after `#`). In a workbook the header is the first non-empty row; dates, bare numbers in size/duration columns, formulas and merged cells are reported at their cell.',
  required: true,
  requireRows: true,
  lazyRows: true,
  idColumn: null,
  empty: null,
  normalize: (raw, context, _extras, options) => {
    if (raw === null) return { value: null, findings: [] };
    const { cases, findings } = normalizeCases(raw, context, options.releaseRows === true);
    return { value: cases, findings };
  },
  rowIds: (cases) => (cases ? sortedIds(cases.lines, cases.caseIds) : () => null),
  check: (cases, tables, context) => (cases ? checkCases(cases, tables.of(sourcesTable), context) : []),
});
