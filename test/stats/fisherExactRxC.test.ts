import { describe, expect, it } from 'vitest';
import { fisherExact } from '../../pipeline/stats/fisherExact.ts';
import { fisherExactRxC, type ContingencyTable } from '../../pipeline/stats/fisherExactRxC.ts';
import { randomInteger, seededRandom } from '../../pipeline/stats/seededRandom.ts';

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
    const result = fisherExactRxC(matrixByColumn([5, 3, 2, 4, 1, 6, 2, 5, 6, 3, 4, 2], 4));
    expect(result).toEqual({
      status: 'ok',
      p_value: expect.closeTo(0.30593451913699821, 13),
      tables: 145442,
    });
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

  it('counts the tables with the observed margins', () => {
    // Rows (3, 3), columns (3, 3): the top-left cell is 0..3, four tables.
    expect(
      fisherExactRxC([
        [2, 1],
        [1, 2],
      ]),
    ).toMatchObject({ status: 'ok', tables: 4 });
  });

  it('answers "too large" instead of approximating beyond the limit', () => {
    const table = matrixByColumn([5, 3, 2, 4, 1, 6, 2, 5, 6, 3, 4, 2], 4);
    expect(fisherExactRxC(table, { tableLimit: 145441 })).toEqual({ status: 'too large', limit: 145441 });
    expect(fisherExactRxC(table, { tableLimit: 145442 })).toMatchObject({ status: 'ok' });
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
