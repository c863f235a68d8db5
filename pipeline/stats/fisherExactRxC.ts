export type ContingencyTable = readonly (readonly number[])[];

export type FisherExactRxCResult =
  | {
      status: 'ok';
      /** Two-sided p-value, as R's fisher.test(table)$p.value. */
      p_value: number;
      /** How many tables with the observed margins were enumerated (all of them). */
      tables: number;
    }
  /** More tables share the observed margins than the limit (TABLE_LIMIT unless given): no p-value rather than an approximate one. */
  | { status: 'too large'; limit: number };

/**
 * The most tables enumerated before giving up. A 6 x 4 table of a few dozen patients has up to some
 * millions; each costs well under a microsecond, so the limit keeps one test to about a second.
 */
export const TABLE_LIMIT = 20_000_000;

/** R's fisher.test tolerance: tables this close to the observed probability count as equally likely. */
const RELATIVE_ERROR = 1 + 1e-7;

/**
 * Fisher's exact test for an r x c contingency table (Freeman & Halton 1951), two-sided as R's
 * fisher.test: the total probability, under independence given both margins, of the tables no more
 * likely than the observed one (within a relative 1e-7, so that tables of equal probability tie).
 *
 * A table's probability is Π r_i! Π c_j! / (N! Π n_ij!). Every table with the observed margins is
 * enumerated, column by column and within a column row by row, the last row of a column and the whole
 * last column following from the margins; bounds on each cell keep every partial table completable, so the
 * work is proportional to the number of tables. R uses the network algorithm of Mehta & Patel (1983)
 * instead, which prunes, and fails on large tables for lack of workspace; here the limit is TABLE_LIMIT
 * tables, beyond which the result is { status: 'too large' } (no Monte Carlo fallback by design).
 *
 * For 2 x 2 tables this is the p-value of fisherExact(). Rows or columns whose total is 0 do not change
 * the p-value. The table must have at least 2 rows and 2 columns of non-negative integers (R's
 * requirement; a RangeError otherwise).
 */
export function fisherExactRxC(
  table: ContingencyTable,
  options: { tableLimit?: number } = {},
): FisherExactRxCResult {
  checkTable(table);
  const tableLimit = options.tableLimit ?? TABLE_LIMIT;
  const rows = table.length;
  const columns = table[0]!.length;
  const rowTotals = table.map((row) => row.reduce((sum, cell) => sum + cell, 0));
  const columnTotals = Array.from({ length: columns }, (_, j) =>
    table.reduce((sum, row) => sum + row[j]!, 0),
  );
  const total = rowTotals.reduce((sum, x) => sum + x, 0);

  const logFactorial = new Float64Array(total + 1);
  for (let k = 2; k <= total; k++) logFactorial[k] = logFactorial[k - 1]! + Math.log(k);

  // log P(table) = constant - Σ log n_ij!
  const constant =
    rowTotals.reduce((sum, r) => sum + logFactorial[r]!, 0) +
    columnTotals.reduce((sum, c) => sum + logFactorial[c]!, 0) -
    logFactorial[total]!;
  const observedCellTerm = table.reduce(
    (sum, row) => sum + row.reduce((rowSum, cell) => rowSum + logFactorial[cell]!, 0),
    0,
  );
  const observedLogP = constant - observedCellTerm;
  const includeUpTo = observedLogP + Math.log(RELATIVE_ERROR);

  const remaining = [...rowTotals];
  let pValue = 0;
  let tables = 0;
  let tooLarge = false;

  // capacityBelow[column][i]: what rows i.. can still take when that column is filled, the lower bound
  // of each cell (the rest of the column must fit below it).
  const capacityBelow = Array.from({ length: columns }, () => new Array<number>(rows + 1).fill(0));

  const fillColumn = (column: number, cellTerm: number): void => {
    if (tooLarge) return;
    if (column === columns - 1) {
      let term = cellTerm;
      for (let i = 0; i < rows; i++) term += logFactorial[remaining[i]!]!;
      tables++;
      if (tables > tableLimit) {
        tooLarge = true;
        return;
      }
      const logP = constant - term;
      if (logP <= includeUpTo) pValue += Math.exp(logP);
      return;
    }
    const below = capacityBelow[column]!;
    for (let i = rows - 1; i >= 0; i--) below[i] = below[i + 1]! + remaining[i]!;
    fillCell(column, 0, columnTotals[column]!, cellTerm);
  };

  const fillCell = (column: number, row: number, left: number, cellTerm: number): void => {
    if (tooLarge) return;
    if (row === rows - 1) {
      // The last cell takes what is left; the bounds above guarantee left <= remaining[row].
      remaining[row]! -= left;
      fillColumn(column + 1, cellTerm + logFactorial[left]!);
      remaining[row]! += left;
      return;
    }
    const highest = Math.min(left, remaining[row]!);
    const lowest = Math.max(0, left - capacityBelow[column]![row + 1]!);
    for (let cell = lowest; cell <= highest && !tooLarge; cell++) {
      remaining[row]! -= cell;
      fillCell(column, row + 1, left - cell, cellTerm + logFactorial[cell]!);
      remaining[row]! += cell;
    }
  };

  fillColumn(0, 0);
  if (tooLarge) return { status: 'too large', limit: tableLimit };
  return { status: 'ok', p_value: Math.min(1, pValue), tables };
}

function checkTable(table: ContingencyTable): void {
  const columns = table[0]?.length ?? 0;
  if (table.length < 2 || columns < 2) {
    throw new RangeError('fisherExactRxC: the table must have at least 2 rows and 2 columns');
  }
  for (const row of table) {
    if (row.length !== columns)
      throw new RangeError('fisherExactRxC: every row must have the same number of cells');
    for (const cell of row) {
      if (!Number.isInteger(cell) || cell < 0) {
        throw new RangeError(`fisherExactRxC: cells must be non-negative integers, got ${cell}`);
      }
    }
  }
}
