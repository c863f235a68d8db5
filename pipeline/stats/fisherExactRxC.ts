export type ContingencyTable = readonly (readonly number[])[];

export type FisherExactRxCResult =
  | {
      status: 'ok';
      /** Two-sided p-value, as R's fisher.test(table)$p.value. */
      p_value: number;
      /** The work done: network edges visited plus partial tables extended (at most the limit). */
      steps: number;
    }
  /** The search needed more steps than the limit (STEP_LIMIT unless given): no p-value rather than an approximate one. */
  | { status: 'too large'; limit: number }
  /**
   * No test: every cell of a table larger than 2 x 2 is 0. R's fisher.test stops there (its FEXACT: "All
   * elements of TABLE are zero"); a p-value of 1 would claim a test that nothing was tested by.
   */
  | { status: 'no test'; reason: string };

/**
 * The most steps (network edges visited plus partial tables extended) before giving up; about 0.5–1 µs
 * each on this project's machine, so a "too large" answer comes within a few seconds. Measured: 6 x 4
 * tables of 32–36 patients need 60,000–80,000 steps; a dense 6 x 4 table of 102 patients (cells 1–8) needs
 * 1.9 × 10^8 (R's fisher.test needs 1,000 times its default workspace for it).
 */
export const STEP_LIMIT = 3_000_000;

/** R's fisher.test tolerance: tables this close to the observed probability count as equally likely. */
const RELATIVE_ERROR = 1 + 1e-7;
/**
 * Partial tables whose Σ log n_ij! agree to this absolute amount are merged (their probabilities are kept
 * exactly; only the decision "at most as likely as the observed table" uses the first one's value). It is a
 * tenth of the 1e-7 tolerance above, so tables exactly as likely as the observed one are always counted.
 */
const MERGE_QUANTUM = 1e-8;

/**
 * Fisher's exact test for an r x c contingency table (Freeman & Halton 1951), two-sided as R's
 * fisher.test: the total probability, under independence given both margins, of the tables no more
 * likely than the observed one (within a relative 1e-7, so that tables of equal probability tie).
 *
 * A table's probability is Π r_i! Π c_j! / (N! Π n_ij!). The tables are built column by column, as paths
 * through a network in the manner of Mehta & Patel (1983), the algorithm behind R's fisher.test:
 *
 * - after some columns, what the remaining columns can hold depends only on the multiset of the row totals
 *   left over, so partial tables with the same multiset share one node, and within a node those with the
 *   same Σ log n_ij! so far are merged (with their number);
 * - at each node, the least and the greatest Σ log n_ij! over the cells still to fill (computed once per
 *   node by a recursion over the same network, and remembered) decide for a whole group of partial tables
 *   at once: if even the likeliest completion is no likelier than the observed table,
 *   all completions count, with their total probability in closed form
 *   (Σ over tables with margins R, C of Π 1/n_ij! = N! / (Π R_i! Π C_j!)); if even the least likely one
 *   is likelier, none does; only the rest are extended.
 *
 * The work is bounded by a limit on steps (STEP_LIMIT, or options.stepLimit), beyond which the result
 * is { status: 'too large' } — by design there is no Monte Carlo fallback. For 2 x 2 tables this is the
 * p-value of fisherExact(). Rows or columns whose total is 0 do not change it. The table must have at least
 * 2 rows and 2 columns of non-negative integers (R's requirement; a RangeError otherwise).
 */
export function fisherExactRxC(
  table: ContingencyTable,
  options: { stepLimit?: number } = {},
): FisherExactRxCResult {
  checkTable(table);
  const stepLimit = options.stepLimit ?? STEP_LIMIT;
  // The row totals are the network's state, so put the shorter dimension in the rows; the columns become
  // the stages, largest total first so that the smallest column is the one that follows from the rest.
  const oriented = table.length <= table[0]!.length ? table : transpose(table);
  const rowTotals = oriented.map((row) => row.reduce((sum, cell) => sum + cell, 0));
  const columnTotals = oriented[0]!.map((_, j) => oriented.reduce((sum, row) => sum + row[j]!, 0));
  columnTotals.sort((a, b) => b - a);
  const total = rowTotals.reduce((sum, x) => sum + x, 0);
  if (total === 0 && !(table.length === 2 && table[0]!.length === 2))
    return { status: 'no test', reason: 'every cell of the table is 0' };

  const logFactorial = new Float64Array(total + 1);
  for (let k = 2; k <= total; k++) logFactorial[k] = logFactorial[k - 1]! + Math.log(k);
  const sumLogFactorial = (values: readonly number[]): number =>
    values.reduce((sum, v) => sum + logFactorial[v]!, 0);

  // log P(table) = constant - Σ log n_ij!; a table counts when Σ log n_ij! >= needed.
  const constant = sumLogFactorial(rowTotals) + sumLogFactorial(columnTotals) - logFactorial[total]!;
  const observed = oriented.reduce((sum, row) => sum + sumLogFactorial(row), 0);
  const needed = observed - Math.log(RELATIVE_ERROR);

  const stages = columnTotals.length;

  let pValue = 0;
  const budget = { steps: 0, limit: stepLimit };
  const key = rowsKey(total, oriented.length);
  let stage = new Map<NodeKey, NetworkNode>();
  const start = [...rowTotals].sort((a, b) => b - a);
  stage.set(key(start), { rows: start, groups: new Map([[0, { past: 0, weight: 1 }]]) });

  const extremes = new FutureExtremes(columnTotals, logFactorial, key, budget);
  for (let k = 0; k < stages - 1; k++) {
    const remainingColumns = columnTotals.slice(k);
    const next = new Map<NodeKey, NetworkNode>();
    for (const node of stage.values()) {
      const bounds = extremes.of(k, node.rows);
      if (bounds === null) return { status: 'too large', limit: stepLimit };
      const { lowest, highest } = bounds;
      // log Σ over all completions of Π 1/n_ij!
      const futureMass =
        logFactorial[remainingColumns.reduce((s, c) => s + c, 0)]! -
        sumLogFactorial(node.rows) -
        sumLogFactorial(remainingColumns);
      const survivors: PathGroup[] = [];
      for (const group of node.groups.values()) {
        if (group.past + lowest >= needed) {
          // Every completion is at most as likely as the observed table.
          pValue += group.weight * Math.exp(constant - group.past + futureMass);
        } else if (group.past + highest >= needed) {
          survivors.push(group);
        }
        // else: every completion is likelier than the observed table.
      }
      if (survivors.length === 0) continue;
      let exceeded = false;
      forEachColumn(node.rows, columnTotals[k]!, (cells) => {
        budget.steps += survivors.length;
        if (budget.steps > budget.limit) {
          exceeded = true;
          return false;
        }
        const term = sumLogFactorial(cells);
        const rows = node.rows.map((r, i) => r - cells[i]!).sort((a, b) => b - a);
        const childKey = key(rows);
        let child = next.get(childKey);
        if (!child) next.set(childKey, (child = { rows, groups: new Map() }));
        for (const group of survivors) addPath(child, group.past + term, group.weight);
        return true;
      });
      if (exceeded) return { status: 'too large', limit: stepLimit };
    }
    stage = next;
  }

  // The last column is what the rows have left.
  for (const node of stage.values()) {
    const last = sumLogFactorial(node.rows);
    for (const group of node.groups.values()) {
      if (group.past + last >= needed) pValue += group.weight * Math.exp(constant - group.past - last);
    }
  }
  return { status: 'ok', p_value: Math.min(1, pValue), steps: budget.steps };
}

/** Partial tables with (to MERGE_QUANTUM) the same Σ log n_ij!: past is the first one's, weight Σ exp(past - own). */
interface PathGroup {
  past: number;
  weight: number;
}

interface NetworkNode {
  /** Row totals still to fill, in decreasing order. */
  rows: number[];
  groups: Map<number, PathGroup>;
}

function addPath(node: NetworkNode, past: number, weight: number): void {
  const key = Math.round(past / MERGE_QUANTUM);
  const group = node.groups.get(key);
  if (group) group.weight += weight * Math.exp(group.past - past);
  else node.groups.set(key, { past, weight });
}

/**
 * Calls visit with every column (cells over the rows, summing to total, cell i at most rows[i]); stops
 * when visit returns false. The last cell takes what is left; lower bounds keep every prefix completable.
 */
function forEachColumn(rows: readonly number[], total: number, visit: (cells: number[]) => boolean): void {
  const n = rows.length;
  const below = new Array<number>(n + 1).fill(0);
  for (let i = n - 1; i >= 0; i--) below[i] = below[i + 1]! + rows[i]!;
  const cells = new Array<number>(n).fill(0);
  const fill = (i: number, left: number): boolean => {
    if (i === n - 1) {
      cells[i] = left;
      return visit(cells);
    }
    const highest = Math.min(left, rows[i]!);
    for (let cell = Math.max(0, left - below[i + 1]!); cell <= highest; cell++) {
      cells[i] = cell;
      if (!fill(i + 1, left - cell)) return false;
    }
    return true;
  };
  fill(0, total);
}

/**
 * The least and the greatest Σ log n_ij! over the cells still to fill, from a node of the network: a
 * shortest- and longest-path problem over the same network, solved once per node by recursion over the
 * columns and remembered (Mehta & Patel's exact path bounds, without their shortcuts). Nodes with equal
 * rows at the same stage share the answer. Its edges count against the same step budget.
 */
class FutureExtremes {
  /** One map per stage, from the node's rows to its extremes. */
  private readonly known: Map<NodeKey, Extremes>[];

  constructor(
    private readonly columnTotals: readonly number[],
    private readonly logFactorial: Float64Array,
    private readonly key: (rows: readonly number[]) => NodeKey,
    private readonly budget: { steps: number; limit: number },
  ) {
    this.known = columnTotals.map(() => new Map());
  }

  /** rows: the row totals left, in decreasing order; stage: the first column still to fill. Null when over budget. */
  of(stage: number, rows: readonly number[]): Extremes | null {
    const known = this.known[stage]!;
    const key = this.key(rows);
    const cached = known.get(key);
    if (cached) return cached;
    let result: Extremes;
    if (stage === this.columnTotals.length - 1) {
      const last = rows.reduce((sum, r) => sum + this.logFactorial[r]!, 0);
      result = { lowest: last, highest: last };
    } else {
      let lowest = Infinity;
      let highest = -Infinity;
      let exceeded = false;
      forEachColumn(rows, this.columnTotals[stage]!, (cells) => {
        if (++this.budget.steps > this.budget.limit) {
          exceeded = true;
          return false;
        }
        const term = cells.reduce((sum, c) => sum + this.logFactorial[c]!, 0);
        const child = this.of(
          stage + 1,
          rows.map((r, i) => r - cells[i]!).sort((a, b) => b - a),
        );
        if (child === null) {
          exceeded = true;
          return false;
        }
        lowest = Math.min(lowest, term + child.lowest);
        highest = Math.max(highest, term + child.highest);
        return true;
      });
      if (exceeded) return null;
      result = { lowest, highest };
    }
    known.set(key, result);
    return result;
  }
}

interface Extremes {
  lowest: number;
  highest: number;
}

type NodeKey = number | string;

/**
 * A Map key for a node's rows (each at most total): a number in base total + 1 while that is exact in
 * double precision (always, for the tables this test is meant for), else the joined text.
 */
function rowsKey(total: number, length: number): (rows: readonly number[]) => NodeKey {
  const base = total + 1;
  if (base ** length <= Number.MAX_SAFE_INTEGER) {
    return (rows) => rows.reduce((code, r) => code * base + r, 0);
  }
  return (rows) => rows.join(',');
}

function transpose(table: ContingencyTable): number[][] {
  return table[0]!.map((_, j) => table.map((row) => row[j]!));
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
