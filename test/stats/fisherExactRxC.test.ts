import { describe, expect, it } from 'vitest';
import { fisherExact } from '../../pipeline/stats/fisherExact.ts';
import { fisherExactRxC, type ContingencyTable } from '../../pipeline/stats/fisherExactRxC.ts';
import { randomInteger, seededRandom } from '../../pipeline/stats/seededRandom.ts';

/**
 * The p-value by listing every table with the observed margins (cell by cell, the last row and column
 * following from the margins), the definition itself, for checking the network search on small tables.
 */
function bruteForcePValue(table: readonly (readonly number[])[]): number {
  const rows = table.length;
  const columns = table[0]!.length;
  const rowTotals = table.map((row) => row.reduce((a, b) => a + b, 0));
  const columnTotals = table[0]!.map((_, j) => table.reduce((sum, row) => sum + row[j]!, 0));
  const logFactorials = [0];
  for (let k = 1; k <= 200; k++) logFactorials.push(logFactorials[k - 1]! + Math.log(k));
  const logFactorial = (k: number): number => logFactorials[k]!;
  const total = rowTotals.reduce((a, b) => a + b, 0);
  const constant =
    rowTotals.reduce((s, r) => s + logFactorial(r), 0) +
    columnTotals.reduce((s, c) => s + logFactorial(c), 0) -
    logFactorial(total);
  const logP = (cells: number[][]) => constant - cells.flat().reduce((s, c) => s + logFactorial(c), 0);
  const observed = logP(table.map((row) => [...row]));
  const cells = table.map((row) => row.map(() => 0));
  let p = 0;
  const visit = (index: number): void => {
    if (index === (rows - 1) * (columns - 1)) {
      for (let i = 0; i < rows - 1; i++)
        cells[i]![columns - 1] = rowTotals[i]! - cells[i]!.slice(0, -1).reduce((a, b) => a + b, 0);
      for (let j = 0; j < columns; j++)
        cells[rows - 1]![j] = columnTotals[j]! - cells.slice(0, -1).reduce((s, row) => s + row[j]!, 0);
      if (cells.flat().some((c) => c < 0)) return;
      const l = logP(cells);
      if (l <= observed + Math.log(1 + 1e-7)) p += Math.exp(l);
      return;
    }
    const i = Math.floor(index / (columns - 1));
    const j = index % (columns - 1);
    for (let cell = 0; cell <= Math.min(rowTotals[i]!, columnTotals[j]!); cell++) {
      cells[i]![j] = cell;
      visit(index + 1);
    }
  };
  visit(0);
  return p;
}

/** The table R builds with matrix(values, nrow = rows), i.e. filled column by column, as rows of cells. */
function matrixByColumn(values: readonly number[], rows: number): number[][] {
  const columns = values.length / rows;
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: columns }, (_, j) => values[j * rows + i]!),
  );
}

function pValue(table: ContingencyTable): number {
  const result = fisherExactRxC(table);
  if (result.status !== 'ok') throw new Error(`expected a p-value, got ${result.status}`);
  return result.p_value;
}

// Reference values: R 4.2.2, options(digits = 17), fisher.test(m)$p.value (workspace = 2e7 where noted).
describe('fisherExactRxC against R fisher.test', () => {
  it('2 x 3: fisher.test(matrix(c(3, 1, 4, 2, 0, 5), nrow = 2)) = 0.04972804972804986', () => {
    expect(pValue(matrixByColumn([3, 1, 4, 2, 0, 5], 2))).toBeCloseTo(0.04972804972804986, 14);
  });

  it('3 x 3: fisher.test(matrix(c(2, 0, 3, 1, 4, 1, 0, 2, 3), nrow = 3)) = 0.15480352980352952', () => {
    expect(pValue(matrixByColumn([2, 0, 3, 1, 4, 1, 0, 2, 3], 3))).toBeCloseTo(0.15480352980352952, 14);
  });

  it('4 x 2: fisher.test(matrix(c(1, 4, 0, 2, 5, 1, 3, 0), nrow = 4)) = 0.025262237762237828', () => {
    expect(pValue(matrixByColumn([1, 4, 0, 2, 5, 1, 3, 0], 4))).toBeCloseTo(0.025262237762237828, 14);
  });

  it('sparse 3 x 4 with zeros: fisher.test(matrix(c(0, 0, 3, 0, 2, 0, 0, 1, 0, 4, 0, 0), nrow = 3)) = 0.00047619047619047446', () => {
    expect(pValue(matrixByColumn([0, 0, 3, 0, 2, 0, 0, 1, 0, 4, 0, 0], 3))).toBeCloseTo(
      0.00047619047619047446,
      16,
    );
  });

  it('3 x 3 with equally likely tables (the 1e-7 tolerance): fisher.test(matrix(c(4, 0, 0, 4, 0, 0, 0, 0, 3), 3)) = 0.0060606060606060571', () => {
    expect(pValue(matrixByColumn([4, 0, 0, 4, 0, 0, 0, 0, 3], 3))).toBeCloseTo(0.0060606060606060571, 15);
  });

  it('4 x 3, n = 43: fisher.test(matrix(c(5, 3, 2, 4, 1, 6, 2, 5, 6, 3, 4, 2), nrow = 4), workspace = 2e7) = 0.30593451913699821', () => {
    expect(pValue(matrixByColumn([5, 3, 2, 4, 1, 6, 2, 5, 6, 3, 4, 2], 4))).toBeCloseTo(
      0.30593451913699821,
      13,
    );
  });

  it('6 x 4, n = 32: fisher.test(matrix(c(1, 2, 0, 3, 1, 0, 2, 2, 1, 0, 0, 4, 2, 1, 3, 0, 1, 2, 0, 1, 3, 2, 1, 0), nrow = 6)) = 0.12255388000818392', () => {
    const table = matrixByColumn([1, 2, 0, 3, 1, 0, 2, 2, 1, 0, 0, 4, 2, 1, 3, 0, 1, 2, 0, 1, 3, 2, 1, 0], 6);
    expect(pValue(table)).toBeCloseTo(0.12255388000818392, 13);
  });

  it('6 x 4, n = 36: fisher.test(matrix(c(3, 2, 1, 4, 0, 2, 1, 3, 2, 2, 1, 0, 2, 1, 3, 0, 1, 2, 3, 1, 0, 2, 1, 2), nrow = 6), workspace = 2e7) = 0.61075345794360547', () => {
    const table = matrixByColumn([3, 2, 1, 4, 0, 2, 1, 3, 2, 2, 1, 0, 2, 1, 3, 0, 1, 2, 3, 1, 0, 2, 1, 2], 6);
    expect(pValue(table)).toBeCloseTo(0.61075345794360547, 13);
  });

  it('2 x 2: fisher.test(matrix(c(10, 3, 2, 15), 2)) = 0.00053672411914343593', () => {
    expect(pValue(matrixByColumn([10, 3, 2, 15], 2))).toBeCloseTo(0.00053672411914343593, 16);
  });
});

describe('fisherExactRxC', () => {
  it('equals fisherExact() on 2 x 2 tables (seeded)', () => {
    const random = seededRandom(2024);
    for (let trial = 0; trial < 200; trial++) {
      const cells = Array.from({ length: 4 }, () => randomInteger(random, 0, trial % 2 === 0 ? 6 : 25));
      const table = [
        [cells[0]!, cells[1]!],
        [cells[2]!, cells[3]!],
      ] as const;
      expect(pValue(table)).toBeCloseTo(fisherExact(table).p_value, 12);
    }
  });

  it('does not depend on the order of rows and columns, nor on transposing', () => {
    const table = matrixByColumn([2, 0, 3, 1, 4, 1, 0, 2, 3], 3);
    const p = pValue(table);
    const transposed = table[0]!.map((_, j) => table.map((row) => row[j]!));
    expect(pValue(transposed)).toBeCloseTo(p, 14);
    expect(pValue([table[2]!, table[0]!, table[1]!])).toBeCloseTo(p, 14);
    expect(pValue(table.map((row) => [row[1]!, row[2]!, row[0]!]))).toBeCloseTo(p, 14);
  });

  it('is not changed by an empty row or column', () => {
    const table = matrixByColumn([3, 1, 4, 2, 0, 5], 2);
    expect(pValue([...table, [0, 0, 0]])).toBeCloseTo(pValue(table), 14);
    expect(pValue(table.map((row) => [...row, 0]))).toBeCloseTo(pValue(table), 14);
  });

  it('agrees with brute-force enumeration of every table on random small tables (seeded)', () => {
    const random = seededRandom(77);
    for (let trial = 0; trial < 60; trial++) {
      // Up to 3 x 4 (6 free cells) with small counts, so that listing every table stays quick.
      const rows = randomInteger(random, 2, 3);
      const columns = randomInteger(random, 2, rows === 3 ? 3 : 4);
      const table = Array.from({ length: rows }, () =>
        Array.from({ length: columns }, () => randomInteger(random, 0, trial % 3 === 0 ? 1 : 3)),
      );
      expect(pValue(table)).toBeCloseTo(bruteForcePValue(table), 12);
    }
  });

  it('answers "too large" instead of approximating beyond the step limit', () => {
    const table = matrixByColumn([5, 3, 2, 4, 1, 6, 2, 5, 6, 3, 4, 2], 4);
    const full = fisherExactRxC(table);
    if (full.status !== 'ok') throw new Error('expected a p-value');
    expect(fisherExactRxC(table, { stepLimit: full.steps - 1 })).toEqual({
      status: 'too large',
      limit: full.steps - 1,
    });
    expect(fisherExactRxC(table, { stepLimit: full.steps })).toEqual(full);
  });

  it('gives no test for an all-zero table larger than 2 x 2, as R: fisher.test(matrix(0, 3, 2)) stops ("All elements of TABLE are zero")', () => {
    for (const table of [
      [
        [0, 0],
        [0, 0],
        [0, 0],
      ],
      [
        [0, 0, 0],
        [0, 0, 0],
      ],
      [
        [0, 0, 0, 0],
        [0, 0, 0, 0],
        [0, 0, 0, 0],
      ],
    ])
      expect(fisherExactRxC(table)).toEqual({ status: 'no test', reason: 'every cell of the table is 0' });
    // A 2 x 2 table with no patient is R's 2 x 2 formula: fisher.test(matrix(0, 2, 2))$p.value = 1.
    expect(
      fisherExactRxC([
        [0, 0],
        [0, 0],
      ]),
    ).toMatchObject({ status: 'ok', p_value: 1 });
    // One patient is a table: fisher.test(matrix(c(1, 0, 0, 0, 0, 0), 3))$p.value = 1.
    expect(
      fisherExactRxC([
        [1, 0],
        [0, 0],
        [0, 0],
      ]),
    ).toMatchObject({ status: 'ok', p_value: 1 });
  });

  it('refuses tables that are not at least 2 x 2 of non-negative integers', () => {
    expect(() => fisherExactRxC([[1, 2, 3]])).toThrow(RangeError);
    expect(() => fisherExactRxC([[1], [2]])).toThrow(RangeError);
    expect(() => fisherExactRxC([[1, 2], [3]])).toThrow(RangeError);
    expect(() =>
      fisherExactRxC([
        [1, 2],
        [3, -1],
      ]),
    ).toThrow(RangeError);
    expect(() =>
      fisherExactRxC([
        [1, 2],
        [3, 0.5],
      ]),
    ).toThrow(RangeError);
  });
});
