import { cellReference, columnLetters } from '../parse/cellReference.ts';
import { excerpt } from '../parse/excerpt.ts';
import { describeNotationCounts } from '../values/notReported.ts';
import type { InferredCodebook } from './inferCodebook.ts';

/**
 * The inference report: what was inferred of each column and why, the spellings grouped into each
 * term, the groupings left for the user to decide, the cells read as not reported, and every cell that
 * could not be placed, at its place (`cases.csv:7:3`, and the Excel cell for a workbook). Printed at
 * the end of new-cohort --from and written beside the codebook. Plain text, for a person.
 */
export function inferenceReport(
  inferred: InferredCodebook,
  table: { file: string; rows: number; workbook: boolean },
): string {
  const out: string[] = [];
  const at = (line: number, column: number) =>
    `${table.file}:${line}:${column}${table.workbook ? ` (cell ${cellReference(line, column)})` : ''}`;
  out.push(
    `Inferred from ${table.file}: ${table.rows} rows, ${inferred.columns.length} columns. Check it, then edit codebook.csv (in Excel) where it is wrong.`,
    '',
    'Columns:',
  );
  for (const c of inferred.columns) {
    const unit = c.unit ? `, in ${c.unit}` : '';
    const role = c.role ? ` [${c.role}]` : '';
    out.push(
      `  ${columnLetters(c.field)}  ${c.header}: ${c.type === 'boolean' ? 'yes/no' : c.type}${unit}${role} — ${c.reason}`,
    );
  }
  const grouped = inferred.columns.filter((c) => c.spellings?.groups.some((g) => g.spellings.length > 1));
  if (grouped.length > 0) {
    out.push('', 'Spellings read as one term:');
    for (const c of grouped)
      for (const g of c.spellings!.groups)
        if (g.spellings.length > 1)
          out.push(
            `  ${c.header}: ${g.label} = ${g.spellings.map((s) => `"${excerpt(s)}"`).join(', ')} (${g.count} cells)`,
          );
  }
  const ambiguous = inferred.columns.filter((c) => (c.spellings?.ambiguous.length ?? 0) > 0);
  if (ambiguous.length > 0) {
    out.push(
      '',
      "Left as separate terms, for you to decide (to join them, move one into the other's synonyms in the codebook):",
    );
    for (const c of ambiguous)
      for (const a of c.spellings!.ambiguous)
        out.push(`  ${c.header}: "${excerpt(a.a)}" and "${excerpt(a.b)}": ${a.why}`);
  }
  const notations = inferred.columns.filter((c) => c.notations.size > 0);
  if (notations.length > 0) {
    out.push('', 'Read as not reported (the paper does not say):');
    for (const c of notations) out.push(`  ${c.header}: ${describeNotationCounts(c.notations)}`);
  }
  const unplaced = inferred.columns.flatMap((c) => c.unplaced.map((u) => ({ ...u, c })));
  const dates = inferred.columns.filter((c) => c.dates > 0);
  if (unplaced.length > 0 || dates.length > 0 || inferred.headerless.length > 0) {
    out.push('', 'Cells not placed (read as not reported until you change them):');
    for (const u of unplaced)
      out.push(
        `  ${at(u.line, u.c.field)}: ${u.c.header} "${excerpt(u.text)}" is ${u.why}; listed in the codebook's not_reported`,
      );
    for (const c of dates)
      out.push(
        `  ${c.header} (column ${columnLetters(c.field)}): ${c.dates} cells are dates in Excel, which casepool does not keep (each is a warning in the run)`,
      );
    for (const h of inferred.headerless)
      for (const cell of h.cells)
        out.push(
          `  ${at(cell.line, h.field)}: "${excerpt(cell.text)}" is in a column without a header of its own (a merged header cell?): not read; unmerge the header and name the column`,
        );
  }
  if (inferred.notes.length > 0) {
    out.push('', 'To do:');
    for (const note of inferred.notes) out.push(`  ${note}`);
  }
  return `${out.join('\n')}\n`;
}
