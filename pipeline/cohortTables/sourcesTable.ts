import { excerpt } from '../parse/excerpt.ts';
import { missingColumns } from '../parse/missingColumns.ts';
import { columnKey, findColumn } from '../parse/columnKey.ts';
import type { Finding, RawTable, Source } from '../types.ts';
import { idKey } from './caseChecks.ts';
import { defineInputTable } from './inputTable.ts';
import { yearProblem } from './sourceYear.ts';

function normalizeSources(table: RawTable | null): { sources: Source[]; findings: Finding[] } {
  if (!table) return { sources: [], findings: [] };
  const missing = missingColumns(table, ['source_id'], 'the first column names each publication');
  if (missing) return { sources: [], findings: [missing] };
  const field = findColumn(table.header, 'source_id');
  // Fields by their canonical names (`Year` → year), so citations find them however the header is typed.
  const names = table.header.map(columnKey);
  const sources = table.rows.map((row, i) => ({
    id: row[field]!.trim(),
    line: table.lines[i]!,
    fields: Object.fromEntries(names.map((h, k) => [h, row[k]!.trim()])),
  }));
  const findings: Finding[] = [];
  const year = names.indexOf('year');
  if (year >= 0)
    sources.forEach((source, i) => {
      const problem = yearProblem(table.rows[i]![year]!);
      if (problem)
        findings.push({
          file: table.file,
          line: source.line,
          column: year + 1,
          severity: 'error',
          code: 'source.bad-year',
          message: `year "${excerpt(table.rows[i]![year]!)}" ${problem}`,
        });
    });
  return { sources, findings };
}

function checkSources(sources: Source[], file: string): Finding[] {
  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  for (const s of sources) {
    if (s.id === '') {
      findings.push({
        file,
        line: s.line,
        column: 1,
        severity: 'error',
        code: 'source.missing-id',
        message: 'source_id is empty',
      });
    } else if (seen.has(idKey(s.id))) {
      const message = `source_id "${excerpt(s.id)}" is used again (first at line ${seen.get(idKey(s.id))})`;
      findings.push({ file, line: s.line, column: 1, severity: 'error', code: 'source.duplicate', message });
    } else seen.set(idKey(s.id), s.line);
  }
  return findings;
}

/** sources.csv: one row per publication, `source_id` first; the rest of its columns kept by name. */
export const sourcesTable = defineInputTable<Source[]>()({
  key: 'sources',
  description:
    'One row per publication; `source_id` first. CSV or `.xlsx` (optionally `#Sheet`), as for `cases`.',
  required: true,
  requireRows: true,
  idColumn: 'source_id',
  empty: [],
  normalize: (raw) => {
    const { sources, findings } = normalizeSources(raw);
    return { value: sources, findings };
  },
  check: (sources, tables) => {
    const raw = tables.raw(sourcesTable);
    return raw ? checkSources(sources, raw.file) : [];
  },
});
