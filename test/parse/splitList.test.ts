import { describe, expect, it } from 'vitest';
import { splitList } from '../../pipeline/parse/splitList.ts';

describe('splitList', () => {
  it.each<[string, string | string[] | undefined, string[]]>([
    ['abdominal pain; back pain', undefined, ['abdominal pain', 'back pain']],
    ['a; b ;c', ';', ['a', 'b', 'c']],
    [' single ', ';', ['single']],
    ['a;;b; ;', ';', ['a', 'b']],
    ['', ';', []],
    ['  ;  ', ';', []],
    ['a,b', ';', ['a,b']],
    ['a | b', '|', ['a', 'b']],
    ['a, b; c', ',', ['a', 'b; c']],
    // A spreadsheet that used two separators: either one separates items.
    ['lung, liver; bone', [';', ','], ['lung', 'liver', 'bone']],
    ['lung;; ,liver', [';', ','], ['lung', 'liver']],
    ['lung / liver', [';', ','], ['lung / liver']],
  ])('splits %j on %j', (text, separator, items) => {
    expect(splitList(text, separator)).toEqual(items);
  });
});
