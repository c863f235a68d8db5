import { describe, expect, it } from 'vitest';
import { alignColumns } from '../../bench/alignColumns.ts';

describe('alignColumns', () => {
  it('pads each column to its widest cell: the first at the end, the others at the start', () => {
    expect(
      alignColumns([
        ['cohort', 'n', 'total'],
        ['n50', '50', '1250'],
        ['n100000', '100000', '7.9 s'],
      ]),
    ).toEqual(['cohort        n  total', 'n50          50   1250', 'n100000  100000  7.9 s']);
  });
  it('pads the columns it is told at the end, and a shorter row ends without trailing spaces', () => {
    expect(
      alignColumns(
        [
          ['a', 'bb', 'c'],
          ['aaa', 'b'],
        ],
        (c) => c !== 1,
      ),
    ).toEqual(['a    bb  c', 'aaa   b']);
  });
});
