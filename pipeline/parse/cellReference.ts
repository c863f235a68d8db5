/** Excel's column letters of a 1-based column number: 1 → A, 26 → Z, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** A1 reference of a cell (1-based row and column), e.g. row 42, column 7 → G42. */
export function cellReference(row: number, column: number): string {
  return `${columnLetters(column)}${row}`;
}

/**
 * A finding about a cell of a table read from a workbook, with the cell named at the end of its
 * message (`… (cell G42)`), so a person finds it in Excel; other findings are returned as they are.
 * `workbookFiles` holds the shown paths of the tables read from workbooks.
 */
export function nameWorkbookCell<F extends { file: string; line: number; column: number; message: string }>(
  finding: F,
  workbookFiles: ReadonlySet<string>,
): F {
  if (finding.line <= 0 || finding.column <= 0 || !workbookFiles.has(finding.file)) return finding;
  return { ...finding, message: `${finding.message} (cell ${cellReference(finding.line, finding.column)})` };
}
