import { describe, expect, it } from 'vitest';
import { missingColumns } from '../../pipeline/parse/missingColumns.ts';
import { parseCsv } from '../../pipeline/parse/parseCsv.ts';

describe('missingColumns', () => {
  const table = parseCsv('\nstep,label\nincluded,x\n', 'flow.csv', 'h').table!;

  it('names every missing column, at the header line', () => {
    expect(
      missingColumns(table, ['step', 'label', 'count', 'note'], 'expected step,label,count,note'),
    ).toEqual({
      file: 'flow.csv',
      line: 2,
      column: 0,
      severity: 'error',
      code: 'header.missing',
      message: 'required columns "count", "note" missing (expected step,label,count,note)',
    });
  });

  it('is null when the header has them all', () => {
    expect(missingColumns(table, ['step', 'label'], '')).toBeNull();
  });
});
