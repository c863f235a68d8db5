/**
 * Rows of cells as lines of a plain-text table: each column as wide as its widest cell, two spaces
 * between; the first column, and any that `leftAligned` names, padded at the end, the others (numbers)
 * at the start. A row may be shorter than the widest; no line ends in spaces.
 */
export function alignColumns(
  rows: ReadonlyArray<readonly string[]>,
  leftAligned: (column: number) => boolean = (column) => column === 0,
): string[] {
  const columns = Math.max(0, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows.map((r) =>
    r
      .map((cell, c) => (leftAligned(c) ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd(),
  );
}
