import { closestMatch } from '../parse/closestMatch.ts';
import { findColumn } from '../parse/columnKey.ts';
import { excerpt } from '../parse/excerpt.ts';
import { missingColumns } from '../parse/missingColumns.ts';
import type { Finding, RawTable } from '../types.ts';
import type { DedupDecision } from './deduplicate.ts';

/**
 * dedup.csv (`record,duplicate_of,decision,reason`): a reviewer's word on two records, by record_id,
 * `same` (link them, whatever the rules say) or `different` (never link them). A row naming a record
 * no export holds, the same record twice or another decision is an error at its cell and is not used.
 */
export function readDedupDecisions(
  table: RawTable,
  recordIds: ReadonlySet<string>,
): { decisions: DedupDecision[]; findings: Finding[] } {
  const missing = missingColumns(
    table,
    ['record', 'duplicate_of', 'decision'],
    'expected record,duplicate_of,decision,reason',
  );
  if (missing) return { decisions: [], findings: [missing] };
  const findings: Finding[] = [];
  const decisions: DedupDecision[] = [];
  const col = {
    record: findColumn(table.header, 'record'),
    duplicateOf: findColumn(table.header, 'duplicate_of'),
    decision: findColumn(table.header, 'decision'),
    reason: findColumn(table.header, 'reason'),
  };
  table.rows.forEach((row, i) => {
    const line = table.lines[i]!;
    const cell = (c: number) => (c >= 0 ? (row[c] ?? '').trim() : '');
    const error = (c: number, code: string, message: string) =>
      findings.push({ file: table.file, line, column: c + 1, severity: 'error', code, message });
    let ok = true;
    for (const c of [col.record, col.duplicateOf]) {
      const id = cell(c);
      if (recordIds.has(id)) continue;
      ok = false;
      const near = id === '' ? null : closestMatch(id, recordIds);
      error(
        c,
        'dedup.unknown-record',
        id === ''
          ? 'record_id missing'
          : `"${excerpt(id)}" is not a record_id of the exports (tidy/records.csv)${near ? `; did you mean "${near}"?` : ''}`,
      );
    }
    const decision = cell(col.decision).toLowerCase();
    if (decision !== 'same' && decision !== 'different') {
      ok = false;
      error(
        col.decision,
        'dedup.bad-decision',
        `decision "${excerpt(cell(col.decision))}" is not "same" or "different"`,
      );
    }
    if (ok && cell(col.record) === cell(col.duplicateOf)) {
      ok = false;
      error(col.duplicateOf, 'dedup.self', 'a record cannot be a duplicate of itself');
    }
    if (ok)
      decisions.push({
        record: cell(col.record),
        duplicateOf: cell(col.duplicateOf),
        decision: decision as DedupDecision['decision'],
        reason: cell(col.reason),
        file: table.file,
        line,
      });
  });
  return { decisions, findings };
}
