import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';
import { rawRow, rawRowCount, releaseRawRow } from '../../pipeline/parse/rawRows.ts';

// Synthetic tables.
describe('rawRows', () => {
  it('reads and lets go of the rows of a table kept as lines', () => {
    const table = parseCsv('a,b\n1,2\n3,4\n', 'f.csv', 'h', { lazyRows: true }).table!;
    expect(table.unsplit).toBeDefined();
    expect(rawRowCount(table)).toBe(2);
    expect(rawRow(table, 1)).toEqual(['3', '4']);
    releaseRawRow(table, 0);
    expect(table.unsplit!.texts).toEqual(['', '3,4']);
    expect(rawRow(table, 1)).toEqual(['3', '4']);
  });

  it('reads and lets go of the rows of a table split when parsed', () => {
    const table = parseCsv('a,b\n"1",2\n3,4\n', 'f.csv', 'h', { lazyRows: true }).table!;
    expect(table.unsplit).toBeUndefined();
    expect(rawRowCount(table)).toBe(2);
    expect(rawRow(table, 0)).toEqual(['1', '2']);
    releaseRawRow(table, 0);
    expect(table.rows).toEqual([[], ['3', '4']]);
  });
});
