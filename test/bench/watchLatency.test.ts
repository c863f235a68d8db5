import { describe, expect, it } from 'vitest';
import { withOneCellChanged } from '../../bench/watchLatency.ts';

describe('withOneCellChanged (the watch benchmark editing one value)', () => {
  const cases = [
    'case_id,source_id,age,sex,notes',
    'A-1,src,60,F,plain',
    'A-2,src,45,M,"quoted, with a comma"',
    '',
  ].join('\n');

  it('adds k + 1 to the first whole number after the id of the last line without quotes', () => {
    expect(withOneCellChanged(cases, 0)).toBe(cases.replace('A-1,src,60,', 'A-1,src,61,'));
    // Each edit starts from the same file: the k-th gives the value + k + 1, so each is a change.
    expect(withOneCellChanged(cases, 2)).toBe(cases.replace('A-1,src,60,', 'A-1,src,63,'));
  });

  it('keeps every other byte, line endings included', () => {
    const crlf = 'id,age\r\nX,7\r\n';
    expect(withOneCellChanged(crlf, 0)).toBe('id,age\r\nX,8\r\n');
  });

  it('says so when no line can be edited safely', () => {
    expect(() => withOneCellChanged('id,age\nX,"7"\n', 0)).toThrow(/no line of cases.csv/);
  });
});
