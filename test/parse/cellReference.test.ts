import { describe, expect, it } from 'vitest';
import { cellReference, columnLetters, nameWorkbookCell } from '../../pipeline/parse/cellReference.ts';

describe('cellReference', () => {
  it("writes Excel's column letters", () => {
    expect([1, 7, 26, 27, 52, 53, 702, 703, 16384].map(columnLetters)).toEqual([
      'A',
      'G',
      'Z',
      'AA',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
    expect(cellReference(42, 7)).toBe('G42');
  });

  it('names the cell of findings in workbook tables only, and only when they point at a cell', () => {
    const workbooks = new Set(['cases.xlsx']);
    const f = (file: string, line: number, column: number) => ({ file, line, column, message: 'm' });
    expect(nameWorkbookCell(f('cases.xlsx', 42, 7), workbooks).message).toBe('m (cell G42)');
    expect(nameWorkbookCell(f('cases.xlsx', 42, 0), workbooks).message).toBe('m');
    expect(nameWorkbookCell(f('cases.xlsx', 0, 0), workbooks).message).toBe('m');
    expect(nameWorkbookCell(f('cases.csv', 42, 7), workbooks).message).toBe('m');
  });
});
